using System;
using System.IO;
using System.Linq;

namespace Kaal.Kernel.Arm64.Tests;

public enum QemuMachine
{
    Virt,
    Raspi3b,
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
            QemuMachine.Raspi3b => ["-M", "raspi3b", "-kernel", Path.Combine(imageDirectory, "kernel8.img")],
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
