using Kaal.Hil.Processes;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// Spike (issue 6, docs/el0-components.md): the user-csharp variant's root task is a C# component compiled by
/// ILC into an EL0 image (Kaal.User.Arm64): async methods over Kaal.Sdk's Sys whose awaits all complete
/// synchronously. It prints through DEBUG_PRINT, signals a badged notification and waits on it, runs nested
/// async methods, and ends with SHUTDOWN (exit 0 when its checks passed).
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class CSharpComponentBootTests
{
    private readonly KernelImages _images;

    public CSharpComponentBootTests(KernelImages images)
    {
        _images = images;
    }

    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    [InlineData(KernelEntry.Raspi3b)]
    public void Csharp_component_runs_at_el0_and_shuts_down(KernelEntry machine)
    {
        ProcessOutcome run = KernelBoot.Run(machine, _images.DirectoryOf(KernelImages.UserCSharp));
        string context = $"{machine}: exit {run.ExitCode}, timed out {run.TimedOut}\n{run.Output}";

        Assert.False(run.TimedOut, context);
        Assert.DoesNotContain("KERNEL PANIC", run.Output);
        Assert.DoesNotContain("el0 panic", run.Output);
        Assert.Contains("[hello] hello from C# at EL0\n", run.Output.Replace("\r\n", "\n"));
        Assert.Contains("[hello] signal/wait badge ok", run.Output);
        Assert.Contains("[hello] nested async ok", run.Output);
        Assert.True(run.ExitCode == 0, context);
    }
}
