using System.Linq;
using Kaal.Hil.Processes;
using Kaal.Model.Scenarios;
using Kaal.Sdk.Sel4Test;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>Boots each kernel variant on both QEMU machines and checks what it reports and how it exits.</summary>
[Collection(KernelImagesCollection.Name)]
public sealed class KernelBootTests(KernelImages images)
{
    /// <summary>Semihosting exit codes, as Kaal.Kernel.Arm64.Boot.ExitCode defines them.</summary>
    private const int ExitTestsFailed = 1;
    private const int ExitPanic = 2;

    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    [InlineData(KernelEntry.VirtSmp4)]
    [InlineData(KernelEntry.Raspi3b)]
    [InlineData(KernelEntry.VirtFromEl2)]
    [InlineData(KernelEntry.Raspi3bElfFromEl3)]
    [InlineData(KernelEntry.Raspi4b)]
    public void SelfTest_runs_every_catalog_scenario_and_passes(KernelEntry entry)
    {
        ProcessOutcome run = KernelBoot.Run(entry, images.DirectoryOf(KernelImages.SelfTest));
        string context = Describe(entry, run);

        Assert.False(run.TimedOut, context);
        Assert.Matches(@"Kaal\.Model kernel booted: [1-9][0-9]* untyped capabilities", run.Output); // the resident kernel ticks
        Sel4TestProtocol protocol = Sel4TestProtocol.Parse(run.Output);
        Assert.NotEmpty(protocol.Tests);
        Assert.Equal(Enumerable.Range(0, protocol.Tests.Count), protocol.Tests.Select(test => test.Number));
        Assert.All(protocol.Tests, test => Assert.True(test.Passed == true, $"{test.Name}: {test.Passed?.ToString() ?? "no result line"}\n{context}"));
        for (int index = 0; index < SelfTestCatalog.Count; index++)
        {
            string name = SelfTestCatalog.Name(index);
            Assert.True(protocol.Tests.Any(test => test.Name == name), $"catalog scenario {name} was not run\n{context}");
        }
        Assert.Equal((protocol.Tests.Count, 0), protocol.SuitePassed);
        Assert.False(protocol.FailuresDetected, context);
        KernelBoot.AssertCoresReportedIn(entry, run.Output);
        Assert.Contains("Test ARM64_BIG_KERNEL_LOCK passed", run.Output); // the port's own scenarios are not in the catalog
        Assert.True(run.ExitCode == 0, context);
    }

    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    [InlineData(KernelEntry.Raspi3b)]
    public void PlantedFailure_is_reported_as_a_failure(KernelEntry entry)
    {
        ProcessOutcome run = KernelBoot.Run(entry, images.DirectoryOf(KernelImages.PlantedFailure));
        string context = Describe(entry, run);

        Assert.False(run.TimedOut, context);
        Sel4TestProtocol protocol = Sel4TestProtocol.Parse(run.Output);
        Sel4TestProtocol.TestResult planted = Assert.Single(protocol.Tests, test => test.Name == "PLANTED_FAILURE");
        Assert.False(planted.Passed, context);
        Assert.All(protocol.Tests.Where(test => test != planted), test => Assert.True(test.Passed == true, $"{test.Name}\n{context}"));
        Assert.True(protocol.FailuresDetected, context);
        Assert.Null(protocol.SuitePassed);
        Assert.True(run.ExitCode == ExitTestsFailed, context);
    }

    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    [InlineData(KernelEntry.Raspi3b)]
    public void DataAbort_panics_with_fault_registers_and_exits_nonzero(KernelEntry entry)
    {
        ProcessOutcome run = KernelBoot.Run(entry, images.DirectoryOf(KernelImages.PanicTest));
        string context = Describe(entry, run);

        Assert.False(run.TimedOut, $"the panic hung instead of exiting\n{context}");
        Assert.Contains("*** KERNEL PANIC: unhandled exception, vector 4 (current EL, SP_ELx, synchronous)", run.Output);
        Assert.True(Sel4TestProtocol.Parse(run.Output).KernelPanicked, context);
        Assert.Contains("EC=0x0000000000000025 data abort, same EL", run.Output);
        Assert.Matches(@"ESR_EL1=0x0000000096[0-9a-f]{6}", run.Output);
        Assert.Matches(@"ELR_EL1=0x[0-9a-f]{16}", run.Output);
        Assert.Contains("FAR_EL1=0x00000000f0000000", run.Output); // the probe address of the variant
        Assert.Matches(@"SPSR_EL1=0x[0-9a-f]{16}", run.Output);
        Assert.Matches(@"x30=0x[0-9a-f]{16}", run.Output);
        Assert.DoesNotContain("Test ARM64_DATA_ABORT_PANICS", run.Output); // it never got to report
        Assert.True(run.ExitCode == ExitPanic, context);
    }

    private static string Describe(KernelEntry entry, ProcessOutcome run) =>
        $"entry {entry}: exit {run.ExitCode}, timed out {run.TimedOut}, {run.Elapsed.TotalSeconds:F1} s; console:\n{run.Output}";
}
