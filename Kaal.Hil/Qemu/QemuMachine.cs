namespace Kaal.Hil.Qemu;

/// <summary>The QEMU machines the kernel supports (qemu-system-aarch64 -M ...).</summary>
public enum QemuMachine
{
    /// <summary>-M virt: the ELF image (kaal.elf), entered at EL1 (EL2 with virtualization=on).</summary>
    Virt,
    /// <summary>-M raspi3b: the raw kernel8.img at 0x80000, entered at EL2 on core 0, as a Raspberry Pi's firmware does.</summary>
    Raspi3b,
    /// <summary>-M raspi4b (QEMU 10 and newer): its own raw image (kernel8-rpi4.img) at 0x80000, entered at EL2 on core 0.</summary>
    Raspi4b,
}
