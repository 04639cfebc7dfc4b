using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Hil.Qemu;

/// <summary>
/// A QEMU machine configuration: machine, CPU model, memory size and cores (virt only: raspi3b is a fixed board
/// with four Cortex-A53 and 1 GiB, raspi4b one with four Cortex-A72 and 2 GiB), and whether virt enters the kernel at EL2.
/// </summary>
public sealed record QemuTarget
{
    public const string VirtName = "qemu-virt";
    public const string Raspi3bName = "qemu-raspi3b";
    public const string Raspi4bName = "qemu-raspi4b";
    /// <summary>Every machine name, for messages and help: "qemu-virt, qemu-raspi3b or qemu-raspi4b".</summary>
    public const string NamesText = VirtName + ", " + Raspi3bName + " or " + Raspi4bName;
    public const string DefaultCpu = "cortex-a53";
    /// <summary>QEMU's virt default; the kernel assumes at least this much (docs/kernel-arm64.md).</summary>
    public const int DefaultMemoryMiB = 128;
    /// <summary>The least the kernel runs in (its image, heap and untyped memory; docs/kernel-arm64.md): the default.</summary>
    public const int MinimumMemoryMiB = DefaultMemoryMiB;

    /// <summary>The virt CPU models this kernel is built for (-mcpu=cortex-a53 code runs on all three).</summary>
    public static IReadOnlyList<string> VirtCpus { get; } = ["cortex-a53", "cortex-a57", "cortex-a72"];

    /// <summary>The most cores virt is given (-smp): the kernel brings up at most 8 (KernelConfig.MaxCores).</summary>
    public const int MaxVirtCores = 8;

    /// <summary>The Raspberry Pi 3 and 4 have four cores.</summary>
    public const int RaspberryPiCores = 4;

    private QemuTarget(QemuMachine machine, string cpu, int memoryMiB, bool virtualization, int cores)
    {
        Cores = cores;
        Machine = machine;
        Cpu = cpu;
        MemoryMiB = memoryMiB;
        Virtualization = virtualization;
    }

    public QemuMachine Machine { get; }

    public string Cpu { get; }

    public int MemoryMiB { get; }

    /// <summary>The machine's cores: virt's -smp (1 unless chosen), four on the Pis.</summary>
    public int Cores { get; }

    /// <summary>virt with virtualization=on: QEMU enters the kernel at EL2.</summary>
    public bool Virtualization { get; }

    public string Name => Machine switch
    {
        QemuMachine.Virt => VirtName,
        QemuMachine.Raspi3b => Raspi3bName,
        _ => Raspi4bName,
    };

    /// <summary>The file of a kernel image folder (artifacts/kernel/VARIANT/) this machine boots.</summary>
    public string ImageFileName => Machine switch
    {
        QemuMachine.Virt => "kaal.elf",
        QemuMachine.Raspi3b => "kernel8.img",
        _ => "kernel8-rpi4.img",
    };

    public static QemuTarget Virt(string cpu = DefaultCpu, int memoryMiB = DefaultMemoryMiB, bool virtualization = false, int cores = 1)
    {
        if (cores is < 1 or > MaxVirtCores)
        {
            throw new ArgumentException($"{VirtName} cores (-smp) must be from 1 to {MaxVirtCores} (the kernel brings up at most {MaxVirtCores}), got {cores}", nameof(cores));
        }
        if (!VirtCpus.Contains(cpu))
        {
            throw new ArgumentException($"unknown CPU '{cpu}' for {VirtName}: expected one of {string.Join(", ", VirtCpus)}", nameof(cpu));
        }
        if (memoryMiB < MinimumMemoryMiB)
        {
            throw new ArgumentException($"memory must be at least {MinimumMemoryMiB} MiB (the kernel's minimum), got {memoryMiB}", nameof(memoryMiB));
        }
        return new QemuTarget(QemuMachine.Virt, cpu, memoryMiB, virtualization, cores);
    }

    public static QemuTarget Raspi3b() => new(QemuMachine.Raspi3b, DefaultCpu, 1024, virtualization: false, RaspberryPiCores);

    public static QemuTarget Raspi4b() => new(QemuMachine.Raspi4b, "cortex-a72", 2048, virtualization: false, RaspberryPiCores);

    /// <summary>This virt machine with <paramref name="cores"/> cores (the same checks as <see cref="Virt"/>).</summary>
    public QemuTarget WithVirtCores(int cores) => Virt(Cpu, MemoryMiB, Virtualization, cores);

    /// <summary>"qemu-virt", "qemu-raspi3b" or "qemu-raspi4b"; null for any other name.</summary>
    public static QemuTarget? TryParse(string name) => name switch
    {
        VirtName => Virt(),
        Raspi3bName => Raspi3b(),
        Raspi4bName => Raspi4b(),
        _ => null,
    };

    /// <summary>The machine's part of the command line (virt with several cores: -smp N).</summary>
    public IReadOnlyList<string> MachineArguments() => Machine switch
    {
        QemuMachine.Virt when Cores > 1 => ["-M", Virtualization ? "virt,virtualization=on" : "virt", "-cpu", Cpu, "-m", $"{MemoryMiB}M", "-smp", $"{Cores}"],
        QemuMachine.Virt => ["-M", Virtualization ? "virt,virtualization=on" : "virt", "-cpu", Cpu, "-m", $"{MemoryMiB}M"],
        QemuMachine.Raspi3b => ["-M", "raspi3b"],
        _ => ["-M", "raspi4b"],
    };
}
