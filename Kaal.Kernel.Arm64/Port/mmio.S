// Device register access. Managed code reaches MMIO only through these, so every access is exactly
// one aligned 32-bit load or store the compiler cannot merge, reorder or elide.

    .section .text.kaal_mmio, "ax"
    .balign 4

    .global kaal_mmio_read32            // uint kaal_mmio_read32(ulong address)
kaal_mmio_read32:
    ldr     w0, [x0]
    ret

    .global kaal_mmio_write32           // void kaal_mmio_write32(ulong address, uint value)
kaal_mmio_write32:
    str     w1, [x0]
    ret
