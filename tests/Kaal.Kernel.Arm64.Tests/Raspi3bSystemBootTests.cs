using Kaal.Hil.Processes;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// The default system on raspi3b (manifests/raspi3b.toml: components.toml with the board's PL011 page and line and its
/// physical timer line), booted from kernel8.img as a Raspberry Pi's firmware enters it: every component runs over the
/// BCM2835/BCM2836 interrupt controllers and the system powers off with system_init's 0.
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class Raspi3bSystemBootTests
{
    private readonly KernelImages _images;

    public Raspi3bSystemBootTests(KernelImages images)
    {
        _images = images;
    }

    [QemuTheory]
    [InlineData(KernelEntry.Raspi3b)]
    public void The_default_system_runs_to_power_off(KernelEntry machine)
    {
        string directory = _images.SystemDirectoryOf("raspi3b", _images.UserImagePath(), "manifests/raspi3b.toml");
        ProcessOutcome run = KernelBoot.Run(machine, directory);
        string context = $"{machine}: exit {run.ExitCode}, timed out {run.TimedOut}\n{run.Output}";

        Assert.False(run.TimedOut, context);
        Assert.DoesNotContain("KERNEL PANIC", run.Output);
        Assert.DoesNotContain("faulted and stopped", run.Output);
        Assert.Contains("[ipc_consumer] received items 1..40 in order, checksum 0x3E1B092D", run.Output);
        Assert.Contains("[system_init] summary: 4 started, 0 restarted, 0 faulted, 0 failed, 0 not started", run.Output);
        Assert.True(run.ExitCode == 0, context);
    }
}
