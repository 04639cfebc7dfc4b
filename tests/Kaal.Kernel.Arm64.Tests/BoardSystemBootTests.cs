using System.Globalization;
using System.Text.RegularExpressions;
using Kaal.Hil.Processes;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// The default system on the Raspberry Pis (manifests/raspi3b.toml and raspi4b.toml: components.toml with the board's
/// PL011 page and line and its physical timer line), booted from the raw image as a Pi's firmware enters it: every
/// component runs over the board's interrupt controllers (BCM2835/BCM2836 on the Pi 3, the GIC-400 on the Pi 4) and
/// the system powers off with system_init's 0.
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class BoardSystemBootTests(KernelImages images)
{
    [QemuTheory]
    [InlineData(KernelEntry.Raspi3b, "raspi3b")]
    [InlineData(KernelEntry.Raspi4b, "raspi4b")]
    public void The_default_system_runs_to_power_off(KernelEntry machine, string system)
    {
        string directory = images.SystemDirectoryOf(system, images.UserImagePath(), $"manifests/{system}.toml");
        ProcessOutcome run = KernelBoot.Run(machine, directory);
        string context = $"{machine}: exit {run.ExitCode}, timed out {run.TimedOut}\n{run.Output}";

        Assert.False(run.TimedOut, context);
        Assert.DoesNotContain("KERNEL PANIC", run.Output);
        Assert.DoesNotContain("faulted and stopped", run.Output);
        Assert.Contains("[ipc_consumer] received items 1..40 in order, checksum 0x3E1B092D", run.Output);
        Assert.Contains("[system_init] summary: 4 started, 0 restarted, 0 faulted, 0 failed, 0 not started", run.Output);
        // The loaders at EL0 copied the components' code into frames and mapped them executable: the kernel made each
        // such page visible to instruction fetch as it mapped it (Port/ExecutableFrames.cs), as it did the root task's.
        Match codeSync = Regex.Match(run.Output, @"code_sync_pages_set_up=(\d+) code_sync_pages_user=(\d+)");
        Assert.True(codeSync.Success, context);
        Assert.True(int.Parse(codeSync.Groups[1].Value, CultureInfo.InvariantCulture) > 0, context);
        Assert.True(int.Parse(codeSync.Groups[2].Value, CultureInfo.InvariantCulture) > 0, context);
        Assert.True(run.ExitCode == 0, context);
    }
}
