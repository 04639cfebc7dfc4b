using System.Linq;
using Kaal.Model.Scenarios;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>Boots each kernel variant on both QEMU machines and checks what it reports and how it exits.</summary>
[Collection(KernelImagesCollection.Name)]
public sealed class KernelBootTests
{
    /// <summary>Semihosting exit codes, as Kaal.Kernel.Arm64.Boot.ExitCode defines them.</summary>
    private const int ExitTestsFailed = 1;
    private const int ExitPanic = 2;

    private readonly KernelImages _images;

    public KernelBootTests(KernelImages images)
    {
        _images = images;
    }

    [QemuTheory]
    [InlineData(QemuMachine.Virt)]
    [InlineData(QemuMachine.Raspi3b)]
    [InlineData(QemuMachine.VirtFromEl2)]
    [InlineData(QemuMachine.Raspi3bElfFromEl3)]
    public void SelfTest_runs_every_catalog_scenario_and_passes(QemuMachine machine)
    {
        ProcessOutcome run = Qemu.Boot(machine, _images.DirectoryOf(KernelImages.SelfTest));
        string context = Describe(machine, run);

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
        Assert.True(run.ExitCode == 0, context);
    }

    [QemuTheory]
    [InlineData(QemuMachine.Virt)]
    [InlineData(QemuMachine.Raspi3b)]
    public void PlantedFailure_is_reported_as_a_failure(QemuMachine machine)
    {
        ProcessOutcome run = Qemu.Boot(machine, _images.DirectoryOf(KernelImages.PlantedFailure));
        string context = Describe(machine, run);

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
    [InlineData(QemuMachine.Virt)]
    [InlineData(QemuMachine.Raspi3b)]
    public void DataAbort_panics_with_fault_registers_and_exits_nonzero(QemuMachine machine)
    {
        ProcessOutcome run = Qemu.Boot(machine, _images.DirectoryOf(KernelImages.PanicTest));
        string context = Describe(machine, run);

        Assert.False(run.TimedOut, $"the panic hung instead of exiting\n{context}");
        Assert.Contains("*** KERNEL PANIC: unhandled exception, vector 4 (current EL, SP_ELx, synchronous)", run.Output);
        Assert.Contains("EC=0x0000000000000025 data abort, same EL", run.Output);
        Assert.Matches(@"ESR_EL1=0x0000000096[0-9a-f]{6}", run.Output);
        Assert.Matches(@"ELR_EL1=0x[0-9a-f]{16}", run.Output);
        Assert.Contains("FAR_EL1=0x00000000f0000000", run.Output); // the probe address of the variant
        Assert.Matches(@"SPSR_EL1=0x[0-9a-f]{16}", run.Output);
        Assert.Matches(@"x30=0x[0-9a-f]{16}", run.Output);
        Assert.DoesNotContain("Test ARM64_DATA_ABORT_PANICS", run.Output); // it never got to report
        Assert.True(run.ExitCode == ExitPanic, context);
    }

    private static string Describe(QemuMachine machine, ProcessOutcome run) =>
        $"machine {machine}: exit {run.ExitCode}, timed out {run.TimedOut}, {run.Elapsed.TotalSeconds:F1} s; console:\n{run.Output}";
}
