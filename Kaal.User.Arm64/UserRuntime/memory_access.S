// Ordered and device accesses for UserSysBackend: the instructions MemoryOrder, BarrierKind and MMIO name, which
// C# cannot emit itself. Each is a leaf with the C calling convention (x0 = address, x1 = value).

    .text
    .balign 4
    .global kaal_load_acquire
kaal_load_acquire:              // ulong (ulong* address)
    ldar    x0, [x0]
    ret

    .global kaal_store_release
kaal_store_release:             // void (ulong* address, ulong value)
    stlr    x1, [x0]
    ret

    .global kaal_barrier_full
kaal_barrier_full:
    dmb     ish
    ret

    .global kaal_barrier_loads
kaal_barrier_loads:
    dmb     ishld
    ret

    .global kaal_barrier_stores
kaal_barrier_stores:
    dmb     ishst
    ret

    .global kaal_mmio_read32
kaal_mmio_read32:               // uint (uint* address): one 32-bit device read, never merged or split
    ldr     w0, [x0]
    ret

    .global kaal_mmio_write32
kaal_mmio_write32:              // void (uint* address, uint value)
    str     w1, [x0]
    ret

    .global kaal_read_cntfrq
kaal_read_cntfrq:
    mrs     x0, cntfrq_el0
    ret

    .global kaal_read_cntpct
kaal_read_cntpct:
    isb                         // the counter is read after everything before it (as the kernel reads it)
    mrs     x0, cntpct_el0
    ret

    .global kaal_read_cntp_cval
kaal_read_cntp_cval:
    mrs     x0, cntp_cval_el0
    ret

    .global kaal_write_cntp_cval
kaal_write_cntp_cval:
    msr     cntp_cval_el0, x0
    isb
    ret

    .global kaal_read_cntp_ctl
kaal_read_cntp_ctl:
    mrs     x0, cntp_ctl_el0
    ret

    .global kaal_write_cntp_ctl
kaal_write_cntp_ctl:
    msr     cntp_ctl_el0, x0
    isb
    ret
