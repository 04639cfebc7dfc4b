using System;
using System.IO;
using System.Linq;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>A QEMU machine and how it enters the kernel, which decides the boot path start.S takes.</summary>
public enum QemuMachine
{
    /// <summary>virt, kaal.elf entered at EL1.</summary>
    Virt,
    /// <summary>virt with virtualization=on: kaal.elf entered at EL2 (start.S drops to EL1).</summary>
    VirtFromEl2,
    /// <summary>raspi3b, kernel8.img entered at EL2 on core 0 (what a Raspberry Pi's firmware does).</summary>
    Raspi3b,
    /// <summary>raspi3b, kernel8.elf entered at EL3 on all four cores (start.S parks three, drops two levels).</summary>
    Raspi3bElfFromEl3,
}

/// <summary>Boots a kernel image under qemu-system-aarch64 with semihosting (the exit-code channel).</summary>
internal static class Qemu
{
    public const string Executable = "qemu-system-aarch64";
    /// <summary>A self-test run takes a few seconds under TCG on one core; this only catches hangs.</summary>
    public static readonly TimeSpan BootLimit = TimeSpan.FromSeconds(60);

    public static bool IsAvailable { get; } = FindOnPath(Executable) != null;

    public static ProcessOutcome Boot(QemuMachine machine, string imageDirectory, params string[] extraArguments)
    {
        string[] arguments = machine switch
        {
            QemuMachine.Virt => ["-M", "virt", "-cpu", "cortex-a53", "-m", "128M", "-kernel", Path.Combine(imageDirectory, "kaal.elf")],
            QemuMachine.VirtFromEl2 => ["-M", "virt,virtualization=on", "-cpu", "cortex-a53", "-m", "128M", "-kernel", Path.Combine(imageDirectory, "kaal.elf")],
            QemuMachine.Raspi3b => ["-M", "raspi3b", "-kernel", Path.Combine(imageDirectory, "kernel8.img")],
            QemuMachine.Raspi3bElfFromEl3 => ["-M", "raspi3b", "-kernel", Path.Combine(imageDirectory, "kernel8.elf")],
            _ => throw new ArgumentOutOfRangeException(nameof(machine)),
        };
        string[] common = ["-nographic", "-semihosting", "-no-reboot", "-monitor", "none", "-serial", "stdio"];
        return BoundedProcess.Run(Executable, [.. arguments, .. common, .. extraArguments], imageDirectory, BootLimit);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
