// The big kernel lock, as seL4 has it on SMP: one fair (ticket) lock that every kernel entry takes before the
// Model runs and every exit releases before the thread's registers are loaded (seL4 releases it in c_exit
// before restore_user_context the same way). The syscall fast path and IRQ entries take it too (Boot/vectors.S).
// The same ticket protocol as Port/ticket_lock.S, written so that it clobbers only x9-x13 (and x30 by the
// call): the vector paths call it with the thread's x0-x8 or the Model's arguments still live.
//
// kaal_big_kernel_lock (32 bytes, Port/BigKernelLock.cs mirrors it):
//   0  ticket word: owner (ticket being served) in bits 15:0, next ticket in bits 31:16
//   4  holder: the holding core's index + 1, 0 when free (the held-by-this-core check reads it)
//   8  acquisitions, 16 releases: counted by the holder only, so plain adds suffice; their difference is
//      1 while a core is inside the kernel and 0 otherwise (the entry/exit balance the self-test checks)

.macro FUNCTION name
    .section .text.\name, "ax"
    .global \name
    .balign 4
\name:
.endm

    .equ    LOCK_HOLDER, 4
    .equ    LOCK_ACQUISITIONS, 8
    .equ    LOCK_RELEASES, 16

    FUNCTION kaal_bkl_acquire           // clobbers x9-x13
    ldr     x9, =kaal_big_kernel_lock
    mov     w10, #0x10000
1:  ldaxr   w11, [x9]                   // w11 = owner | next << 16 as it was
    add     w12, w11, w10
    stxr    w13, w12, [x9]
    cbnz    w13, 1b
    eor     w12, w11, w11, ror #16      // low half zero: our ticket (next) is already being served
    tst     w12, #0xFFFF
    b.eq    3f
    lsr     w11, w11, #16               // our ticket
    sevl                                // the first wfe falls through
2:  wfe
    ldaxrh  w12, [x9]                   // the owner; arms the monitor the release's store clears
    cmp     w12, w11
    b.ne    2b
3:  mrs     x10, mpidr_el1
    and     x10, x10, #0xFF
    add     w10, w10, #1
    str     w10, [x9, #LOCK_HOLDER]
    ldr     x11, [x9, #LOCK_ACQUISITIONS]
    add     x11, x11, #1
    str     x11, [x9, #LOCK_ACQUISITIONS]
    ret
    .ltorg

    FUNCTION kaal_bkl_release           // clobbers x9-x11; only the holder calls it
    ldr     x9, =kaal_big_kernel_lock
    ldr     x10, [x9, #LOCK_RELEASES]
    add     x10, x10, #1
    str     x10, [x9, #LOCK_RELEASES]
    str     wzr, [x9, #LOCK_HOLDER]
    ldrh    w10, [x9]
    add     w10, w10, #1
    stlrh   w10, [x9]                   // everything the kernel wrote is visible before the next holder runs
    ret
    .ltorg

    FUNCTION kaal_bkl_address           // for the managed side (Port/BigKernelLock.cs)
    ldr     x0, =kaal_big_kernel_lock
    ret
    .ltorg

    FUNCTION kaal_current_core          // MPIDR_EL1.Aff0: the core's index on virt and the BCM283x
    mrs     x0, mpidr_el1
    and     x0, x0, #0xFF
    ret

    .section .bss.kaal_big_kernel_lock, "aw", %nobits
    .balign 64                          // a cache line of its own
    .global kaal_big_kernel_lock
kaal_big_kernel_lock:
    .skip   32
