using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Kaal.Hil.Qemu;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;
using Kaal.Sdk.Sel4Test;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>Suites on QEMU: what each kind of ending looks like in the result and in the JUnit report.</summary>
public sealed class SuiteRunnerQemuTests : QemuTestBase
{
    /// <summary>The hang tests wait this long on purpose; the images that pass take well under a second.</summary>
    private static readonly TimeSpan HangTestTimeout = TimeSpan.FromSeconds(10);
    private const string WaitingTest = "WAITS_FOR_HOST_BYTE";

    public SuiteRunnerQemuTests(KernelImages images) : base(images)
    {
    }

    private static HilSuite KernelSuite => HilSuiteCatalog.Kernel;

    private Task<SuiteResult> RunAsync(string variant, string target, SuiteRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        HilTarget parsed = HilTarget.Parse(target);
        return SuiteRunner.RunAsync(KernelSuite, Images.ImageOf(variant, parsed.ImageFileName), parsed, options ?? new SuiteRunOptions(), cancellationToken);
    }

    private static string Describe(SuiteResult result) => SuiteDescription.Of(result);

    [QemuTheory]
    [InlineData(QemuTarget.VirtName)]
    [InlineData(QemuTarget.Raspi3bName)]
    [InlineData(QemuTarget.Raspi4bName)]
    public async Task Kernel_suite_passes_and_writes_JUnit(string target)
    {
        SuiteResult result = await RunAsync(KernelImages.SelfTest, target);

        Assert.True(result.Outcome == SuiteOutcome.Passed, Describe(result));
        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Tests.Count > 10, Describe(result));
        Assert.All(result.Tests, test => Assert.Equal(TestStatus.Passed, test.Status));
        Assert.Equal(Enumerable.Range(0, result.Tests.Count), result.Tests.Select(test => test.Number));
        Assert.Empty(result.MissingExpectedLines);

        XElement suite = WriteAndReadJUnit(result).Root!.Element("testsuite")!;
        Assert.Equal($"kernel@{target}", (string?)suite.Attribute("name"));
        Assert.Equal(result.Tests.Count, (int)suite.Attribute("tests")!);
        Assert.Equal(0, (int)suite.Attribute("failures")!);
        Assert.Equal(0, (int)suite.Attribute("errors")!);
        Assert.Equal(result.Tests.Select(test => test.Name), suite.Elements("testcase").Select(testcase => (string)testcase.Attribute("name")!));
        Assert.Contains(suite.Element("properties")!.Elements("property"), property => (string?)property.Attribute("name") == "outcome" && (string?)property.Attribute("value") == "Passed");
        Assert.Contains("Test suite passed.", (string)suite.Element("system-out")!);
    }

    [QemuFact]
    public async Task Kernel_suite_passes_on_a_cortex_a72_with_more_memory_and_instruction_counting()
    {
        var target = new QemuHilTarget(new QemuLaunchOptions { Target = QemuTarget.Virt("cortex-a72", 512), InstructionCountShift = 0 });
        SuiteResult result = await SuiteRunner.RunAsync(KernelSuite, Images.ImageOf(KernelImages.SelfTest, target.ImageFileName), target, new SuiteRunOptions());

        Assert.True(result.Outcome == SuiteOutcome.Passed, Describe(result));
        Assert.Contains(result.Transcript, line => line.StartsWith("kaal-figures: counter_hz=", StringComparison.Ordinal));
    }

    [QemuFact]
    public async Task A_failing_test_is_reported_with_its_output()
    {
        SuiteResult result = await RunAsync(KernelImages.PlantedFailure, QemuTarget.VirtName);

        Assert.True(result.Outcome == SuiteOutcome.Failed, Describe(result));
        Assert.Equal(1, result.ExitCode);
        TestCaseResult planted = Assert.Single(result.Tests, test => test.Status == TestStatus.Failed);
        Assert.Equal("PLANTED_FAILURE", planted.Name);
        Assert.Contains("first failed check: 1", planted.Message);
        Assert.Contains("PLANTED_FAILURE", result.Summary);

        XElement failure = WriteAndReadJUnit(result).Descendants("testcase").Single(testcase => (string?)testcase.Attribute("name") == "PLANTED_FAILURE").Element("failure")!;
        Assert.Contains("first failed check: 1", (string)failure.Attribute("message")!);
    }

    [QemuTheory]
    [InlineData(QemuTarget.VirtName)]
    [InlineData(QemuTarget.Raspi3bName)]
    public async Task A_kernel_panic_is_reported_with_the_fault_registers(string target)
    {
        SuiteResult result = await RunAsync(KernelImages.PanicTest, target);

        Assert.True(result.Outcome == SuiteOutcome.Panic, Describe(result));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("in test ARM64_DATA_ABORT_PANICS", result.Summary);
        Assert.Contains("*** KERNEL PANIC: unhandled exception", result.Details);
        Assert.Contains("FAR_EL1=0x00000000f0000000", result.Details);
        Assert.Matches(@"x30=0x[0-9a-f]{16}", result.Details);
        Assert.Equal(TestStatus.Panicked, Assert.Single(result.Tests).Status);

        XElement error = WriteAndReadJUnit(result).Descendants("testcase").Single().Element("error")!;
        Assert.Equal("panicked", (string?)error.Attribute("type"));
        Assert.Contains("ELR_EL1=", error.Value);
    }

    [QemuFact]
    public async Task A_hang_is_reported_with_the_registers_where_the_CPU_stopped()
    {
        SuiteResult result = await RunAsync(KernelImages.HangTest, QemuTarget.VirtName, new SuiteRunOptions { TestTimeout = HangTestTimeout });

        Assert.True(result.Outcome == SuiteOutcome.Hang, Describe(result));
        Assert.Contains($"hang in test {WaitingTest}: no progress for {HangTestTimeout.TotalSeconds:F0} s (test timeout)", result.Summary);
        Assert.Matches(@"CPU stopped at PC=0x[0-9a-f]+", result.Summary);
        Assert.Matches(@"PC=0x[0-9a-f]+ \(\w+", result.Summary); // and the function it is in, from the image's symbols
        Assert.Contains("registers (QMP stop + info registers)", result.Details);
        Assert.Matches(@"X00=[0-9a-f]{16}", result.Details);
        TestCaseResult hung = Assert.Single(result.Tests);
        Assert.Equal(TestStatus.Hung, hung.Status);

        XElement error = WriteAndReadJUnit(result).Descendants("testcase").Single().Element("error")!;
        Assert.Equal("hung", (string?)error.Attribute("type"));
        Assert.Contains("PC=", error.Value);
    }

    [QemuFact]
    public async Task A_crashing_QEMU_is_reported_with_its_exit_code_and_last_console_lines()
    {
        var options = new SuiteRunOptions
        {
            OnLine = (context, _) =>
            {
                if (context.Line.Kind == ProtocolLineKind.TestStarted)
                {
                    Signals.Send(context.Qemu!.ProcessId, Signals.Abort); // what a failed assertion inside QEMU does
                }
                return Task.CompletedTask;
            },
        };
        SuiteResult result = await RunAsync(KernelImages.HangTest, QemuTarget.VirtName, options);

        Assert.True(result.Outcome == SuiteOutcome.Crash, Describe(result));
        Assert.Equal(128 + 6, result.ExitCode);
        Assert.Contains($"QEMU ended before the suite finished during test {WaitingTest}", result.Summary);
        Assert.Contains("SIGABRT", result.Summary);
        Assert.Contains($"Starting test 0: {WaitingTest}", result.Details); // the last console lines
        Assert.Equal(TestStatus.Crashed, Assert.Single(result.Tests).Status);
    }

    [QemuFact]
    public async Task QEMU_failing_at_start_up_is_a_crash_with_its_stderr()
    {
        HilSuite suite = KernelSuite;
        var target = new QemuHilTarget(new QemuLaunchOptions { Target = QemuTarget.Virt(), ExtraArguments = ["-no-such-option"] });
        SuiteResult result = await SuiteRunner.RunAsync(suite, Images.ImageOf(KernelImages.SelfTest, "kaal.elf"), target, new SuiteRunOptions());

        Assert.True(result.Outcome == SuiteOutcome.Crash, Describe(result));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("QEMU exited at start-up", result.Summary);
        Assert.Contains("-no-such-option", result.Details);
        Assert.Equal(JUnitReport.SuiteCaseName, WriteAndReadJUnit(result).Descendants("testcase").Single().Attribute("name")!.Value);
    }

    [QemuFact]
    public async Task A_reset_in_the_middle_of_a_test_is_reported_with_the_recovery()
    {
        var options = new SuiteRunOptions
        {
            OnLine = async (context, cancellationToken) =>
            {
                if (context.Line.Kind != ProtocolLineKind.TestStarted)
                {
                    return;
                }
                if (context.Boot == 1)
                {
                    await context.Faults!.ResetAsync(cancellationToken); // the guest waits in the test: a reset mid-test
                }
                else
                {
                    await context.SendAsync("g", cancellationToken); // second boot: let the test pass
                }
            },
        };
        SuiteResult result = await RunAsync(KernelImages.HangTest, QemuTarget.VirtName, options);

        Assert.True(result.Outcome == SuiteOutcome.Passed, Describe(result));
        GuestReset reset = Assert.Single(result.Resets);
        Assert.Equal(new GuestReset(1, "host-qmp-system-reset", WaitingTest), reset);
        Assert.Equal([(1, TestStatus.Interrupted), (2, TestStatus.Passed)], result.Tests.Select(test => (test.Boot, test.Status)));
        Assert.Contains("recovered after 1 reset (boot 2)", result.Summary);

        XDocument junit = WriteAndReadJUnit(result);
        Assert.NotNull(junit.Descendants("testcase").Single(testcase => (string?)testcase.Attribute("name") == $"{WaitingTest} (boot 1)").Element("skipped"));
        Assert.Contains(junit.Descendants("property"), property => (string?)property.Attribute("name") == "reset");
    }

    [QemuFact]
    public async Task A_test_can_pause_the_guest_read_its_memory_and_resume_it()
    {
        (ulong entry, byte[] expected) = TestElf.EntryBytes(Images.ImageOf(KernelImages.HangTest, "kaal.elf"), 32);
        byte[]? seen = null;
        string? statusWhilePaused = null;
        var options = new SuiteRunOptions
        {
            OnLine = async (context, cancellationToken) =>
            {
                if (context.Line.Kind == ProtocolLineKind.TestStarted)
                {
                    await context.Faults!.PauseAsync(cancellationToken);
                    statusWhilePaused = (await context.Qemu!.Qmp!.QueryStatusAsync(cancellationToken)).Status;
                    seen = await context.Faults.ReadPhysicalMemoryAsync(entry, expected.Length, cancellationToken);
                    await context.Faults.ResumeAsync(cancellationToken);
                    await context.SendAsync("g", cancellationToken);
                }
            },
        };
        SuiteResult result = await RunAsync(KernelImages.HangTest, QemuTarget.VirtName, options);

        Assert.True(result.Outcome == SuiteOutcome.Passed, Describe(result));
        Assert.Equal("paused", statusWhilePaused);
        Assert.Equal(expected, seen);
    }

    [QemuFact]
    public async Task Cancelling_a_run_kills_QEMU()
    {
        using var cancel = new CancellationTokenSource();
        var options = new SuiteRunOptions
        {
            OnLine = (context, _) =>
            {
                if (context.Line.Kind == ProtocolLineKind.TestStarted)
                {
                    cancel.Cancel();
                }
                return Task.CompletedTask;
            },
        };
        // A cancelled run (kaal's SIGINT/SIGTERM) ends as Interrupted with what ran: the running test marked, QEMU gone.
        SuiteResult result = await RunAsync(KernelImages.HangTest, QemuTarget.VirtName, options, cancel.Token);
        Assert.True(result.Outcome == SuiteOutcome.Interrupted, Describe(result));
        Assert.Equal("interrupted in test WAITS_FOR_HOST_BYTE", result.Summary);
        Assert.Equal(TestStatus.Interrupted, Assert.Single(result.Tests).Status);
        Assert.Empty(ProcessTable.OurQemuChildren());
    }

    [QemuFact]
    public async Task A_failing_test_leaves_no_QEMU_behind()
    {
        int qemuProcessId = 0;
        // A test body that fails while its QEMU runs: the assertion escapes through the session's disposal.
        await Assert.ThrowsAsync<Xunit.Sdk.FailException>(async () =>
        {
            await using QemuSession session = await QemuSession.StartAsync(new QemuLaunchOptions
            {
                Target = QemuTarget.Virt(),
                KernelImagePath = Images.ImageOf(KernelImages.HangTest, "kaal.elf"),
            });
            qemuProcessId = session.ProcessId;
            Assert.Contains(qemuProcessId, ProcessTable.OurQemuChildren());
            Assert.Fail("a failing test");
        });
        Assert.NotEqual(0, qemuProcessId);
        Assert.False(ProcessTable.IsAlive(qemuProcessId), $"QEMU {qemuProcessId} survived the failed test");
        Assert.Empty(ProcessTable.OurQemuChildren());
    }

    private static XDocument WriteAndReadJUnit(SuiteResult result)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kaal-junit-{Guid.NewGuid():N}.xml");
        try
        {
            JUnitReport.Write(result, path);
            return XDocument.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
