// Calls out of the kernel into QEMU or firmware.

    .section .text.kaal_semihost_call, "ax"
    .global kaal_semihost_call          // ulong kaal_semihost_call(uint operation, ulong parameter)
    .balign 4
kaal_semihost_call:
    hlt     #0xF000                     // AArch64 semihosting trap (QEMU -semihosting)
    ret

    .section .text.kaal_psci_call, "ax"
    .global kaal_psci_call              // ulong kaal_psci_call(ulong function) over the HVC conduit
    .balign 4
kaal_psci_call:
    hvc     #0
    ret
