namespace Kaal.Kernel.Arm64.Tests;

/// <summary>A QEMU machine and how it enters the kernel, which decides the boot path start.S takes.</summary>
public enum KernelEntry
{
    /// <summary>virt, kaal.elf entered at EL1.</summary>
    Virt,
    /// <summary>virt with four cores (-smp 4, multi-threaded TCG: every vCPU its own host thread): the kernel starts
    /// cores 1-3 with PSCI CPU_ON and schedules threads on all four.</summary>
    VirtSmp4,
    /// <summary>virt with two cores (-smp 2, multi-threaded TCG).</summary>
    VirtSmp2,
    /// <summary>virt with virtualization=on: kaal.elf entered at EL2 (start.S drops to EL1).</summary>
    VirtFromEl2,
    /// <summary>raspi3b, kernel8.img entered at EL2 on core 0 (what a Raspberry Pi's firmware does).</summary>
    Raspi3b,
    /// <summary>raspi3b, kernel8.elf entered at EL3 on all four cores (start.S parks three, drops two levels).</summary>
    Raspi3bElfFromEl3,
    /// <summary>raspi4b (QEMU 10), kernel8-rpi4.img entered at EL2 on core 0, as a Raspberry Pi 4's firmware does.</summary>
    Raspi4b,
}
