// GC write barriers. ILC calls them for every store of an object reference into the heap, with a
// private register convention (x14 = destination, x15 = value; x13 = source for the by-ref copy;
// the pointers are post-incremented by 8). There is no GC here, so a barrier is just the store.
// Each symbol has its own section so --gc-sections drops the ones the kernel never calls.

.macro BARRIER_SECTION name
    .section .text.\name, "ax"
    .global \name
    .balign 4
\name:
.endm

    BARRIER_SECTION RhpAssignRefArm64
    str     x15, [x14], #8
    ret

    BARRIER_SECTION RhpCheckedAssignRefArm64
    str     x15, [x14], #8
    ret

    BARRIER_SECTION RhpByRefAssignRefArm64
    ldr     x15, [x13], #8
    str     x15, [x14], #8
    ret
