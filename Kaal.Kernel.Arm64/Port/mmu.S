// Turns the EL1 MMU on with translation tables the managed code built (Kaal.Kernel.Arm64.Port.Mmu).
//   x0 = TTBR0_EL1 (the kernel's level-0 table, ASID 0), x1 = TTBR1_EL1 (the trampoline's level-1 table),
//   x2 = MAIR_EL1, x3 = TCR_EL1
// Identity map, so the instruction after the SCTLR write runs at the same address. The boot map (Boot/start.S)
// is on when this runs: the MMU goes off first, so no walk or TLB entry of the boot map meets the new
// registers; nothing here touches data memory while it is off.

    .section .text.kaal_mmu_enable, "ax"
    .global kaal_mmu_enable
    .balign 4
kaal_mmu_enable:
    adrp    x9, kaal_mmu_state          // kept for the secondary cores; written while the data cache is off
    add     x9, x9, :lo12:kaal_mmu_state
    stp     x0, x1, [x9]
    stp     x2, x3, [x9, #16]
mmu_switch:
    dsb     ish                         // table writes are visible to the walker
    mrs     x9, sctlr_el1
    bic     x9, x9, #1                  // M off
    msr     sctlr_el1, x9
    isb
    msr     mair_el1, x2
    msr     tcr_el1, x3
    msr     ttbr0_el1, x0
    msr     ttbr1_el1, x1
    isb
    tlbi    vmalle1
    dsb     ish
    isb
    mrs     x9, sctlr_el1
    mov     x10, #((1 << 0) | (1 << 2) | (1 << 12))  // M (MMU), C (data cache), I (instruction cache)
    orr     x9, x9, x10
    msr     sctlr_el1, x9
    isb
    ret

// A secondary core (Boot/start.S): the same registers as the boot core, read with the MMU off (the boot core
// wrote them before its data cache was on, so memory has them).
    .global kaal_mmu_enable_secondary
kaal_mmu_enable_secondary:
    adrp    x9, kaal_mmu_state
    add     x9, x9, :lo12:kaal_mmu_state
    ldp     x0, x1, [x9]
    ldp     x2, x3, [x9, #16]
    b       mmu_switch

    .section .bss.kaal_mmu_state, "aw", %nobits
    .balign 16
kaal_mmu_state:                         // TTBR0, TTBR1, MAIR, TCR
    .skip   32
