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
            KernelEntry.VirtSmp4 => (QemuTarget.Virt(cores: 4), "kaal.elf"),
            KernelEntry.VirtSmp2 => (QemuTarget.Virt(cores: 2), "kaal.elf"),
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

    /// <summary>The cores the kernel brings online on this machine (Boot/SecondaryCores.cs): all four of the Pis (the spin
    /// table) and of virt -smp 4 (PSCI), one where it cannot start the others (virt entered at EL2, where HVC reaches no
    /// PSCI; raspi3b's ELF entered at EL3, whose cores wait in start.S, not at the spin table), one on plain virt.</summary>
    public static (int Online, int Started) ExpectedCores(KernelEntry entry) => entry switch
    {
        KernelEntry.VirtSmp4 or KernelEntry.Raspi3b or KernelEntry.Raspi4b => (4, 4),
        KernelEntry.VirtSmp2 => (2, 2),
        KernelEntry.Raspi3bElfFromEl3 => (1, 4),
        _ => (1, 1),
    };

    /// <summary>Checks the kernel's core lines: each started core's own line, then the boot core's count.</summary>
    public static void AssertCoresReportedIn(KernelEntry entry, string output)
    {
        (int online, int started) = ExpectedCores(entry);
        for (int core = 1; core < online; core++)
        {
            Xunit.Assert.Contains($"kaal: core {core} online (EL1, MMU on), idle in WFI", output);
        }
        Xunit.Assert.Contains($"kaal: cores online: {online} of {started} started", output);
        Xunit.Assert.Matches($@"kaal-figures: .* cores_online={online} all_cores_online_counter=[1-9]\d*", output);
    }
}
