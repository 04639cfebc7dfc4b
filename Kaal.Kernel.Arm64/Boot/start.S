// Entry stub: the first instructions the kernel runs, on every platform.
//
// virt enters the ELF at _start at EL1; raspi3b enters kernel8.img at its first byte at EL2 on core 0;
// an ELF on raspi3b (or virt with secure=on) enters at EL3 on every core. The stub parks all cores but
// core 0, descends to EL1, and prepares what managed code needs before its first instruction: a stack,
// FP/SIMD enabled (the JIT zeroes frames with SIMD stores), .bss zeroed, the exception vectors, and the
// boot map (below): the MMU on over the image, because with the MMU off every data access is Device memory,
// where an access not aligned to its own size faults. ILC's code copies structs with 16-byte SIMD stores at
// 8-byte offsets; QEMU 7.2 let that pass, QEMU 10 and real cores do not.

    .equ    CORE_RESUME_BYTES, 32       // Port/UserResume.cs, rounded up to keep SP 16-byte aligned
    .section .text.boot, "ax"
    .global _start
_start:
    mov     x20, x0                     // x0 = DTB address on virt and raspi3b; handed to kaal_main
    mrs     x9, mpidr_el1
    and     x9, x9, #0xFFFFFF           // Aff2..Aff0: zero only on the boot core
    cbnz    x9, kaal_halt_forever
    adr     x21, at_el1                 // where the descent to EL1 continues (a secondary core: secondary_at_el1)
    mrs     x9, CurrentEL
    lsr     x9, x9, #2
    adrp    x10, kaal_boot_entry_level  // which EL the firmware entered: PSCI over HVC only from EL1
    add     x10, x10, :lo12:kaal_boot_entry_level
    str     x9, [x10]
enter_el1:
    mrs     x9, CurrentEL
    lsr     x9, x9, #2
    cmp     x9, #3
    b.eq    from_el3
    cmp     x9, #2
    b.eq    from_el2
    br      x21                         // already at EL1

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
    msr     elr_el2, x21
    eret

at_el1:
    ldr     x9, =0x30D00800             // SCTLR_EL1: RES1 bits; MMU, caches and alignment checks off
    msr     sctlr_el1, x9
    ldr     x9, =__kaal_stack_top
    sub     sp, x9, #CORE_RESUME_BYTES  // the top of the stack is the core's kaal_user_resume (Boot/vectors.S)
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
    bl      kaal_boot_map_enable
    ldr     x9, =kaal_exception_vectors
    msr     vbar_el1, x9
    isb
    ldr     x0, =__kaal_platform_id     // an absolute symbol from the linker command line
    ldr     x1, =kaal_boot_layout
    mov     x2, x20
    bl      kaal_main                   // never returns; if it did, park
    b       kaal_halt_forever
    .ltorg

// The boot map: the image (code, data, page tables, stack, heap) identity-mapped in 2 MiB blocks as Normal
// memory, nothing else, with the data cache still off (SCTLR_EL1.C = 0), so everything written before the
// kernel's own map takes over is already in memory and no cache maintenance is needed at the switch
// (Port/mmu.S turns the MMU off for the switch). Until then managed code touches no MMIO. The tables are
// .bss (zeroed above); the image lies inside one GiB (the linker script checks it). Uses x9-x15 only.
kaal_boot_map_enable:
    adrp    x9, kaal_boot_tables        // level 0; level 1 and level 2 follow, a page each
    add     x10, x9, #4096
    add     x11, x9, #8192
    ldr     x12, =__kaal_image_start
    ubfx    x13, x12, #39, #9           // level-0 index
    orr     x14, x10, #3                // table descriptor
    str     x14, [x9, x13, lsl #3]
    ubfx    x13, x12, #30, #9           // level-1 index
    orr     x14, x11, #3
    str     x14, [x10, x13, lsl #3]
    and     x12, x12, #~0x1FFFFF        // first 2 MiB block of the image
    ldr     x13, =__kaal_image_end
    mov     x14, #0x701                 // block | AttrIndx 0 (Normal) | SH inner | AF; EL1 read/write
boot_map_block:
    ubfx    x10, x12, #21, #9           // level-2 index
    orr     x15, x12, x14
    str     x15, [x11, x10, lsl #3]
    add     x12, x12, #0x200000
    cmp     x12, x13
    b.lo    boot_map_block
    mov     x10, #0xFF                  // MAIR attribute 0: Normal write-back (non-cacheable while C = 0)
    msr     mair_el1, x10
    ldr     x10, =0x80803510            // TCR: T0SZ 16, walks WB inner shareable, TG0 4 KiB, EPD1, TG1 4 KiB
    msr     tcr_el1, x10
    msr     ttbr0_el1, x9
    isb
    tlbi    vmalle1
    dsb     ish
    isb
    mrs     x10, sctlr_el1
    orr     x10, x10, #1                // M only
    msr     sctlr_el1, x10
    isb
    ret
    .ltorg

    .section .bss.kaal_boot_tables, "aw", %nobits
    .balign 4096
kaal_boot_tables:
    .skip   3 * 4096

    .section .text.boot, "ax"
// A secondary core, started by the boot core (Boot/SecondaryCores.cs: PSCI CPU_ON on virt, the spin table on the
// Raspberry Pis) at whatever EL the firmware runs it, MMU off. The same descent to EL1 as the boot core; then its
// own stack (Link/kaal.ld: SECONDARY_STACK_BYTES per core below __kaal_secondary_stacks_end, core 1 at the top),
// FP/SIMD on, the vectors, the kernel's map with the boot core's registers (Port/mmu.S), and
// kaal_secondary_main(core). A core with no stack (Aff0 >= 8) parks.
    .equ    SECONDARY_STACK_BYTES, 16384
    .equ    SECONDARY_CORE_LIMIT, 8
    .global kaal_secondary_entry
kaal_secondary_entry:
    mrs     x19, mpidr_el1
    and     x19, x19, #0xFF             // Aff0: the core's index on virt and the BCM283x
    cmp     x19, #SECONDARY_CORE_LIMIT
    b.hs    kaal_halt_forever
    adr     x21, secondary_at_el1
    b       enter_el1

secondary_at_el1:
    ldr     x9, =0x30D00800             // SCTLR_EL1 as the boot core starts
    msr     sctlr_el1, x9
    mov     x0, x19
    bl      kaal_core_resume_address
    mov     sp, x0
    mov     x9, #(3 << 20)              // CPACR_EL1.FPEN = 0b11
    msr     cpacr_el1, x9
    isb
    ldr     x9, =kaal_exception_vectors
    msr     vbar_el1, x9
    isb
    bl      kaal_mmu_enable_secondary
    mov     x0, x19
    bl      kaal_secondary_main         // never returns
    b       kaal_halt_forever

// UserResume* kaal_core_resume_address(ulong core): the core's kaal_user_resume record (Boot/vectors.S), the
// CORE_RESUME_BYTES at the top of its kernel stack (the boot stack for core 0, core N's secondary stack); the core
// runs with SP_EL1 just below it. Clobbers x0, x9-x11.
    .global kaal_core_resume_address
kaal_core_resume_address:
    ldr     x9, =__kaal_stack_top
    cbz     x0, 1f
    ldr     x9, =__kaal_secondary_stacks_end
    sub     x10, x0, #1
    mov     x11, #SECONDARY_STACK_BYTES
    msub    x9, x10, x11, x9
1:  sub     x0, x9, #CORE_RESUME_BYTES
    ret

// The exception level the firmware entered the boot core at (1, 2 or 3).
    .global kaal_read_boot_entry_level
kaal_read_boot_entry_level:
    adrp    x0, kaal_boot_entry_level
    ldr     x0, [x0, :lo12:kaal_boot_entry_level]
    ret

// The address a secondary core is started at (for PSCI and the spin table).
    .global kaal_secondary_entry_address
kaal_secondary_entry_address:
    ldr     x0, =kaal_secondary_entry
    ret

// Writes a secondary core's entry address into its spin-table slot (x0 = slot, x1 = entry), cleans the slot to
// the point of coherency (the waiting core reads it with its MMU and caches off) and wakes the waiters.
    .global kaal_spin_table_release
kaal_spin_table_release:
    str     x1, [x0]
    dc      civac, x0
    dsb     sy
    sev
    ret
    .ltorg

// Parks the calling core for good (secondary cores, and the end of every exit path).
    .global kaal_halt_forever
kaal_halt_forever:
    wfe
    b       kaal_halt_forever

// The exception level the boot core was entered at (.data: written before .bss is zeroed).
    .section .data.kaal_boot_entry_level, "aw"
    .balign 8
    .global kaal_boot_entry_level
kaal_boot_entry_level:
    .quad   0

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
