using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Hil.Processes;
using Kaal.Hil.Qemu;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>Boots a kernel image to its exit under QEMU with semihosting (the exit-code channel), console on
/// stdout, through Kaal.Hil's command line and bounded process runner.</summary>
internal static class KernelBoot
{
    /// <summary>A self-test run takes a few seconds under TCG on one core; this only catches hangs.</summary>
    public static readonly TimeSpan BootLimit = TimeSpan.FromSeconds(60);

    /// <param name="executable">QEMU (a private copy for the firmware-free tests).</param>
    /// <param name="extraArguments">appended to the command line (e.g. -L for the firmware search path).</param>
    public static ProcessOutcome Run(KernelEntry entry, string imageDirectory, string executable = QemuLaunchOptions.DefaultExecutable,
        IReadOnlyList<string>? extraArguments = null)
    {
        (QemuTarget target, string image) = entry switch
        {
            KernelEntry.Virt => (QemuTarget.Virt(), "kaal.elf"),
            KernelEntry.VirtFromEl2 => (QemuTarget.Virt(virtualization: true), "kaal.elf"),
            KernelEntry.Raspi3b => (QemuTarget.Raspi3b(), "kernel8.img"),
            KernelEntry.Raspi3bElfFromEl3 => (QemuTarget.Raspi3b(), "kernel8.elf"),
            KernelEntry.Raspi4b => (QemuTarget.Raspi4b(), QemuTarget.Raspi4b().ImageFileName),
            _ => throw new ArgumentOutOfRangeException(nameof(entry)),
        };
        var options = new QemuLaunchOptions
        {
            Target = target,
            KernelImagePath = Path.Combine(imageDirectory, image),
            Serial = QemuSerialMode.Pipe,
            Qmp = false,
            Semihosting = true,
            NoReboot = true,
            Executable = executable,
            ExtraArguments = extraArguments ?? [],
        };
        return BoundedProcess.Run(options.Executable, QemuCommandLine.Build(options).ToArray(), imageDirectory, BootLimit);
    }
}
