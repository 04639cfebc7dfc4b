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
//   32 waiting, one word per core (Boot/SecondaryCores.cs MaxCores = 8): nonzero from the moment the core found the
//      lock taken until it has it, 0 otherwise; bit 31 and the caller's w1 in bits 7:0 (an entry from EL0 passes
//      what it is: Boot/vectors.S ENTRY_*). Every entry from EL0 saved all of the thread's registers before it waits
//      here, so a core that waits has left its thread: the holder that stalls it (kaal_bkl_wait_until_waiting)
//      may act on the thread. The uncontended acquisition never writes it.

.macro FUNCTION name
    .section .text.\name, "ax"
    .global \name
    .balign 4
\name:
.endm

    .equ    LOCK_HOLDER, 4
    .equ    LOCK_ACQUISITIONS, 8
    .equ    LOCK_RELEASES, 16
    .equ    LOCK_WAITING, 32

// The lock (x9) was just taken: its holder is this core, with one acquisition more. Clobbers x10, x11.
.macro HELD_BY_THIS_CORE
    mrs     x10, mpidr_el1
    and     x10, x10, #0xFF
    add     w10, w10, #1
    str     w10, [x9, #LOCK_HOLDER]
    ldr     x11, [x9, #LOCK_ACQUISITIONS]
    add     x11, x11, #1
    str     x11, [x9, #LOCK_ACQUISITIONS]
.endm

// The syscall fast entry's acquisition (Boot/vectors.S el0_svc): the lock if it is free (w12 = 0), else nothing
// at all (w12 = 1, no ticket taken: the entry saves the rest of the thread's registers before it waits with
// kaal_bkl_acquire). Clobbers x9-x13.
    FUNCTION kaal_bkl_try_acquire
    ldr     x9, =kaal_big_kernel_lock
1:  ldaxr   w11, [x9]                   // w11 = owner | next << 16
    eor     w12, w11, w11, ror #16
    tst     w12, #0xFFFF
    b.ne    2f                          // another ticket is being served
    add     w12, w11, #0x10000
    stxr    w13, w12, [x9]
    cbnz    w13, 1b
    HELD_BY_THIS_CORE
    mov     w12, #0
    ret
2:  clrex
    mov     w12, #1
    ret
    .ltorg

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
    mrs     x13, mpidr_el1
    and     x13, x13, #0xFF
    add     x13, x9, x13, lsl #2
    add     x13, x13, #LOCK_WAITING     // this core's waiting word
    orr     w12, w1, #0x80000000
    stlr    w12, [x13]                  // after the thread's registers, which the holder may now read
    sevl                                // the first wfe falls through
2:  wfe
    ldaxrh  w12, [x9]                   // the owner; arms the monitor the release's store clears
    cmp     w12, w11
    b.ne    2b
    str     wzr, [x13]
3:  HELD_BY_THIS_CORE
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

// The holder stalls another core (Port/BigKernelLock.cs WaitUntilWaiting, after interrupting it): returns the
// waiting word (w0) once core w0 waits for the lock, which it cannot get before the holder releases it.
    FUNCTION kaal_bkl_wait_until_waiting
    ldr     x9, =kaal_big_kernel_lock
    add     x9, x9, x0, lsl #2
    add     x9, x9, #LOCK_WAITING
    sevl
1:  wfe
    ldaxr   w10, [x9]                   // arms the monitor that the waiter's store clears (an event)
    cbz     w10, 1b
    clrex
    mov     w0, w10
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
    .skip   64
