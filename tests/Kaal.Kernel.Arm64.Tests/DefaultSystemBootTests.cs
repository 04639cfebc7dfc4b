using Kaal.Hil.Processes;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// The default-system variant's boot contract (docs/el0-components.md), checked at EL0 by the contract test image
/// (Variants/default-system/ContractTest): x0 and sp, every boot information field, the registry readable at its
/// window, .data initialised and .bss zero, and writes to the read-only boot information page and to the text
/// arriving at the root task's fault endpoint as VmFaults at those addresses. The image SHUTDOWNs with 0, or with the
/// number of the first failed check.
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class DefaultSystemBootTests(KernelImages images)
{
    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    public void Root_task_gets_the_boot_contract(KernelEntry machine)
    {
        string directory = images.SystemDirectoryOf("contract-test", "artifacts/user/kaal-contract-test.elf");
        ProcessOutcome run = KernelBoot.Run(machine, directory);
        string context = $"{machine}: exit {run.ExitCode}, timed out {run.TimedOut}\n{run.Output}";

        Assert.False(run.TimedOut, context);
        Assert.DoesNotContain("KERNEL PANIC", run.Output);
        Assert.Contains("default-system: root task at 0x0000000000400000, 3 segments", run.Output);
        Assert.Contains("contract: all checks passed", run.Output);
        Assert.DoesNotContain("faulted and stopped", run.Output);
        Assert.True(run.ExitCode == 0, context);
    }
}
