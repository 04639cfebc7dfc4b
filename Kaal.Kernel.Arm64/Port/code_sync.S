// Making code the kernel wrote through its data side visible to instruction fetch, as the architecture requires
// with caches on (ARM ARM B2.4.4, "Concurrent modification and execution of instructions" / the self-modifying code
// sequence): clean every data-cache line of the range to the point of unification, wait for that, invalidate every
// instruction-cache line of it, wait again, and resynchronize this core's fetch. The by-VA maintenance is broadcast
// to the inner-shareable domain, so every core fetches the new code. The range is the kernel's (identity) address of
// the frames, not the user address the code will run at: a PIPT instruction cache (CTR_EL0.L1Ip = 0b11, the
// Cortex-A72) is invalidated by physical address whatever the alias, a VIPT one (0b10, the Cortex-A53) may hold the
// line under the user alias's index, so there the whole instruction cache of every core is invalidated instead
// (IC IALLUIS), as Linux does for aliasing instruction caches. QEMU models no caches: there the sequence only has to
// be legal (it runs at every boot of a user-space variant and at every executable mapping).
//   void kaal_sync_code(ulong address, ulong bytes); line sizes from CTR_EL0 (DminLine 19:16, IminLine 3:0: log2 words)

    .section .text.kaal_sync_code, "ax"
    .global kaal_sync_code
    .balign 4
kaal_sync_code:
    cbz     x1, 3f
    add     x1, x0, x1                  // end
    mrs     x2, ctr_el0
    ubfx    x3, x2, #16, #4
    mov     x4, #4
    lsl     x3, x4, x3                  // data line bytes
    sub     x5, x3, #1
    bic     x5, x0, x5                  // first data line
1:  dc      cvau, x5
    add     x5, x5, x3
    cmp     x5, x1
    b.lo    1b
    dsb     ish
    ubfx    x3, x2, #14, #2             // L1Ip
    cmp     x3, #2                      // VIPT: the user alias may index other lines
    b.ne    4f
    ic      ialluis
    b       5f
4:  and     x3, x2, #0xF
    lsl     x3, x4, x3                  // instruction line bytes
    sub     x5, x3, #1
    bic     x5, x0, x5
2:  ic      ivau, x5
    add     x5, x5, x3
    cmp     x5, x1
    b.lo    2b
5:  dsb     ish
    isb
3:  ret
