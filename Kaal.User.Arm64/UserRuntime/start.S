// EL0 entry of the busybox (docs/el0-components.md, "Start convention"): the loader set sp to the top of a stack it
// mapped and x0 to the address of one page (the boot information page for the root task, the arguments page for a
// spawned component). _start zeroes .bss (not the heap: every allocation zeroes its own memory) and calls
// kaal_user_main(page, modules start, modules end, heap start, heap end).
// FP/SIMD: the first vector instruction traps and the kernel hands this thread the registers (lazy switch).

    .section .text._start, "ax"
    .global _start
_start:
    ldr     x9, =__user_bss_start
    ldr     x10, =__user_bss_end
1:  cmp     x9, x10
    b.hs    2f
    stp     xzr, xzr, [x9], #16
    b       1b
2:  ldr     x1, =__user_modules_start
    ldr     x2, =__user_modules_end
    ldr     x3, =__user_heap_start
    ldr     x4, =__user_heap_end
    bl      kaal_user_main
    brk     #1                          // kaal_user_main never returns

// ulong kaal_syscall(ulong number, ulong* registers): x0-x7 from registers[0..7], svc #0, x0-x6 back into
// registers[0..6]; returns x0 (the status).
    .section .text.kaal_syscall, "ax"
    .global kaal_syscall
    .balign 4
kaal_syscall:
    mov     x9, x1
    mov     x8, x0
    ldp     x0, x1, [x9]
    ldp     x2, x3, [x9, #16]
    ldp     x4, x5, [x9, #32]
    ldp     x6, x7, [x9, #48]
    svc     #0
    stp     x0, x1, [x9]
    stp     x2, x3, [x9, #16]
    stp     x4, x5, [x9, #32]
    str     x6, [x9, #48]
    ret

    .section .text.kaal_user_brk, "ax"
    .global kaal_user_brk
    .balign 4
kaal_user_brk:
    brk     #0
    b       kaal_user_brk
