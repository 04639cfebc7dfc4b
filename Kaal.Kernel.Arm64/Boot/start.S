// Entry stub: the first instructions the kernel runs, on every platform.
//
// virt enters the ELF at _start at EL1; raspi3b enters kernel8.img at its first byte at EL2 on core 0;
// an ELF on raspi3b (or virt with secure=on) enters at EL3 on every core. The stub parks all cores but
// core 0, descends to EL1, and prepares what managed code needs before its first instruction: a stack,
// FP/SIMD enabled (the JIT zeroes frames with SIMD stores), .bss zeroed, the exception vectors.

    .section .text.boot, "ax"
    .global _start
_start:
    mov     x20, x0                     // x0 = DTB address on virt and raspi3b; handed to kaal_main
    mrs     x9, mpidr_el1
    and     x9, x9, #0xFFFFFF           // Aff2..Aff0: zero only on the boot core
    cbnz    x9, kaal_halt_forever
    mrs     x9, CurrentEL
    lsr     x9, x9, #2
    cmp     x9, #3
    b.eq    from_el3
    cmp     x9, #2
    b.eq    from_el2
    b       at_el1

from_el3:
    msr     cptr_el3, xzr               // do not trap FP/SIMD to EL3
    mov     x9, #0x5B1                  // SCR_EL3: NS | RES1(5:4) | SMD | HCE | RW (lower ELs AArch64)
    msr     scr_el3, x9
    mov     x9, #0x3C9                  // SPSR: D A I F masked, EL2h
    msr     spsr_el3, x9
    adr     x9, from_el2
    msr     elr_el3, x9
    eret

from_el2:
    mov     x9, #(1 << 31)              // HCR_EL2.RW: EL1 is AArch64; nothing else trapped
    msr     hcr_el2, x9
    mrs     x9, cnthctl_el2
    orr     x9, x9, #3                  // EL1PCTEN | EL1PCEN: EL1 may use the physical counter and timer
    msr     cnthctl_el2, x9
    msr     cntvoff_el2, xzr            // virtual counter == physical counter
    mov     x9, #0x33FF                 // CPTR_EL2: RES1 bits only, TFP = 0
    msr     cptr_el2, x9
    mrs     x9, midr_el1
    msr     vpidr_el2, x9
    mrs     x9, mpidr_el1
    msr     vmpidr_el2, x9
    mov     x9, #0x3C5                  // SPSR: D A I F masked, EL1h
    msr     spsr_el2, x9
    adr     x9, at_el1
    msr     elr_el2, x9
    eret

at_el1:
    ldr     x9, =0x30D00800             // SCTLR_EL1: RES1 bits; MMU, caches and alignment checks off
    msr     sctlr_el1, x9
    ldr     x9, =__kaal_stack_top
    mov     sp, x9
    mov     x9, #(3 << 20)              // CPACR_EL1.FPEN = 0b11: FP/SIMD does not trap at EL1/EL0
    msr     cpacr_el1, x9
    isb
    ldr     x9, =__kaal_bss_start       // both ends are 16-byte aligned by the linker script
    ldr     x10, =__kaal_bss_end
zero_bss:
    cmp     x9, x10
    b.hs    bss_zeroed
    stp     xzr, xzr, [x9], #16
    b       zero_bss
bss_zeroed:
    ldr     x9, =kaal_exception_vectors
    msr     vbar_el1, x9
    isb
    ldr     x0, =__kaal_platform_id     // an absolute symbol from the linker command line
    ldr     x1, =kaal_boot_layout
    mov     x2, x20
    bl      kaal_main                   // never returns; if it did, park
    b       kaal_halt_forever
    .ltorg

// Parks the calling core for good (secondary cores, and the end of every exit path).
    .global kaal_halt_forever
kaal_halt_forever:
    wfe
    b       kaal_halt_forever

// Addresses from the linker script, in the order of Kaal.Kernel.Arm64.Boot.BootLayout's fields.
    .section .rodata.kaal_boot_layout, "a"
    .balign 8
kaal_boot_layout:
    .quad   __kaal_image_start, __kaal_image_load_end, __kaal_image_end
    .quad   __kaal_heap_start, __kaal_heap_end
    .quad   __kaal_page_tables_start, __kaal_page_tables_end
    .quad   __kaal_stack_bottom, __kaal_stack_top
    .quad   __kaal_modules_start, __kaal_modules_end
    .quad   __kaal_trampoline_start
    .quad   __kaal_user_image_start, __kaal_user_image_end
