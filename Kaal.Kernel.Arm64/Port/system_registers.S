// System-register accessors the machine port needs (MRS/MSR name the register in the instruction,
// so each register gets its own function).

.macro FUNCTION name
    .section .text.\name, "ax"
    .global \name
    .balign 4
\name:
.endm

    FUNCTION kaal_read_cntfrq_el0       // counter frequency in Hz, as firmware/QEMU set it
    mrs     x0, cntfrq_el0
    ret

    FUNCTION kaal_read_cntvct_el0       // virtual counter; isb so the read is not hoisted
    isb
    mrs     x0, cntvct_el0
    ret

    FUNCTION kaal_write_cntv_tval_el0   // virtual timer fires after x0 counter ticks
    msr     cntv_tval_el0, x0
    isb
    ret

    FUNCTION kaal_write_cntv_ctl_el0    // bit 0 ENABLE, bit 1 IMASK
    msr     cntv_ctl_el0, x0
    isb
    ret

    FUNCTION kaal_irq_enable            // clear PSTATE.I
    msr     daifclr, #2
    ret

    FUNCTION kaal_irq_disable           // set PSTATE.I
    msr     daifset, #2
    ret

    FUNCTION kaal_wait_for_interrupt
    dsb     sy
    wfi
    ret

    FUNCTION kaal_irq_window            // let a pending IRQ in, then mask again (the idle loop's window)
    msr     daifclr, #2
    isb
    msr     daifset, #2
    ret

    FUNCTION kaal_write_vbar_el1        // exception vector base
    msr     vbar_el1, x0
    isb
    ret

    FUNCTION kaal_write_cntkctl_el1     // which counters and timers EL0 may read
    msr     cntkctl_el1, x0
    isb
    ret

    FUNCTION kaal_read_id_aa64mmfr0_el1 // memory-model features (ASID width, physical address size)
    mrs     x0, id_aa64mmfr0_el1
    ret

    FUNCTION kaal_read_sctlr_el1
    mrs     x0, sctlr_el1
    ret

    FUNCTION kaal_write_sctlr_el1
    msr     sctlr_el1, x0
    isb
    ret
