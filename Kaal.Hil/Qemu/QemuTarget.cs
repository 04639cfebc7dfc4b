using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Hil.Qemu;

/// <summary>
/// A QEMU machine configuration: machine, CPU model and memory size (virt only: raspi3b is a fixed board
/// with a Cortex-A53 and 1 GiB, raspi4b one with a Cortex-A72 and 2 GiB), and whether virt enters the kernel at EL2.
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

    private QemuTarget(QemuMachine machine, string cpu, int memoryMiB, bool virtualization)
    {
        Machine = machine;
        Cpu = cpu;
        MemoryMiB = memoryMiB;
        Virtualization = virtualization;
    }

    public QemuMachine Machine { get; }

    public string Cpu { get; }

    public int MemoryMiB { get; }

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

    public static QemuTarget Virt(string cpu = DefaultCpu, int memoryMiB = DefaultMemoryMiB, bool virtualization = false)
    {
        if (!VirtCpus.Contains(cpu))
        {
            throw new ArgumentException($"unknown CPU '{cpu}' for {VirtName}: expected one of {string.Join(", ", VirtCpus)}", nameof(cpu));
        }
        if (memoryMiB < MinimumMemoryMiB)
        {
            throw new ArgumentException($"memory must be at least {MinimumMemoryMiB} MiB (the kernel's minimum), got {memoryMiB}", nameof(memoryMiB));
        }
        return new QemuTarget(QemuMachine.Virt, cpu, memoryMiB, virtualization);
    }

    public static QemuTarget Raspi3b() => new(QemuMachine.Raspi3b, DefaultCpu, 1024, virtualization: false);

    public static QemuTarget Raspi4b() => new(QemuMachine.Raspi4b, "cortex-a72", 2048, virtualization: false);

    /// <summary>"qemu-virt", "qemu-raspi3b" or "qemu-raspi4b"; null for any other name.</summary>
    public static QemuTarget? TryParse(string name) => name switch
    {
        VirtName => Virt(),
        Raspi3bName => Raspi3b(),
        Raspi4bName => Raspi4b(),
        _ => null,
    };

    /// <summary>The machine's part of the command line.</summary>
    public IReadOnlyList<string> MachineArguments() => Machine switch
    {
        QemuMachine.Virt => ["-M", Virtualization ? "virt,virtualization=on" : "virt", "-cpu", Cpu, "-m", $"{MemoryMiB}M"],
        QemuMachine.Raspi3b => ["-M", "raspi3b"],
        _ => ["-M", "raspi4b"],
    };
}
