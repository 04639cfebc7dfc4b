using System;
using System.Linq;
using Kaal.Hil.Suites;
using Kaal.Sdk.Sel4Test;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>The protocol rules of the suite runner on plain console text, without QEMU.</summary>
public sealed class SuiteTrackerTests
{
    private static SuiteTracker Feed(params string[] lines)
    {
        var tracker = new SuiteTracker(["Kaal.Model kernel booted: "]);
        for (int index = 0; index < lines.Length; index++)
        {
            tracker.OnLine(lines[index], TimeSpan.FromSeconds(index));
        }
        return tracker;
    }

    [Fact]
    public void Tests_collect_their_output_verdict_and_duration()
    {
        SuiteTracker tracker = Feed(
            "Kaal.Model kernel booted: 11 untyped capabilities",
            "Starting test 0: A",
            "Test A passed",
            "Starting test 1: B",
            "  first failed check: 3",
            "Test B failed",
            "*** FAILURES DETECTED *** (1 of 2 tests failed)");

        Assert.Equal([("A", TestStatus.Passed), ("B", TestStatus.Failed)], tracker.Tests.Select(test => (test.Name, test.Status)));
        Assert.Equal(["  first failed check: 3"], tracker.Tests[1].Output);
        Assert.Equal("Test B failed: first failed check: 3", tracker.Tests[1].Message);
        Assert.Equal(TimeSpan.FromSeconds(2), tracker.Tests[1].Duration);
        Assert.Equal((ProtocolLineKind.FailuresDetected, 1, 2), (tracker.Summary!.Kind, tracker.Summary.Count, tracker.Summary.OtherCount));
        Assert.Empty(tracker.MissingExpectedLines);
        Assert.Empty(tracker.ProtocolProblems);
    }

    [Fact]
    public void Tests_starting_over_are_a_new_boot_and_the_running_test_was_interrupted()
    {
        var tracker = new SuiteTracker([]);
        tracker.OnLine("Starting test 0: A", TimeSpan.Zero);
        tracker.OnLine("Test A passed", TimeSpan.Zero);
        tracker.OnLine("Starting test 1: B", TimeSpan.Zero);
        tracker.OnReset("host-qmp-system-reset");
        tracker.OnLine("KaaL kernel (arm64) on qemu-virt", TimeSpan.Zero);
        tracker.OnLine("Starting test 0: A", TimeSpan.Zero);

        Assert.Equal(2, tracker.Boot);
        Assert.Equal(new GuestReset(1, "host-qmp-system-reset", "B"), Assert.Single(tracker.Resets));
        Assert.Equal([(1, "A", TestStatus.Passed), (1, "B", TestStatus.Interrupted)], tracker.Tests.Select(test => (test.Boot, test.Name, test.Status)));
        Assert.Equal("A", tracker.CurrentTest);
    }

    [Fact]
    public void A_restart_without_a_reset_event_is_recorded_as_one()
    {
        SuiteTracker tracker = Feed("Starting test 0: A", "Starting test 0: A");
        Assert.Contains("without a reset event", Assert.Single(tracker.Resets).Reason);
    }

    [Fact]
    public void Result_lines_that_match_no_running_test_are_protocol_problems()
    {
        SuiteTracker tracker = Feed("Test A passed", "Starting test 0: B", "Test C passed", "Starting test 1: D", "Test suite passed. 0 tests passed. 0 tests disabled.");
        Assert.Equal(4, tracker.ProtocolProblems.Count);
        Assert.Contains("'Test A passed' matches no running test", tracker.ProtocolProblems[0]);
        Assert.Contains("(running: B)", tracker.ProtocolProblems[1]);
        Assert.Contains("'Starting test 1: D' came while B had no result line", tracker.ProtocolProblems[2]);
        Assert.Contains("the summary came while D had no result line", tracker.ProtocolProblems[3]);
        Assert.Equal([TestStatus.Failed, TestStatus.Failed], tracker.Tests.Select(test => test.Status));
        Assert.Equal(["Kaal.Model kernel booted: "], tracker.MissingExpectedLines);
    }

    [Fact]
    public void Everything_after_the_panic_header_is_the_dump()
    {
        SuiteTracker tracker = Feed("Starting test 0: P", "*** KERNEL PANIC: unhandled exception", "ESR_EL1=0x96000045", "Test P passed");
        Assert.Equal(["*** KERNEL PANIC: unhandled exception", "ESR_EL1=0x96000045", "Test P passed"], tracker.PanicLines);
        Assert.Equal("P", tracker.CurrentTest);
    }

    [Theory]
    [InlineData("Starting test 12: CAP0001_boot_layout", ProtocolLineKind.TestStarted)]
    [InlineData("Test CAP0001_boot_layout passed", ProtocolLineKind.TestResult)]
    [InlineData("Test suite passed. 18 tests passed. 0 tests disabled.", ProtocolLineKind.SuitePassed)]
    [InlineData("*** FAILURES DETECTED ***", ProtocolLineKind.FailuresDetected)]
    [InlineData("*** KERNEL PANIC: heap exhausted", ProtocolLineKind.KernelPanic)]
    [InlineData(" Starting test 1: indented", ProtocolLineKind.Other)]
    [InlineData("Test two words passed", ProtocolLineKind.Other)]
    [InlineData("Starting test 99999999999: too_big", ProtocolLineKind.Other)]
    public void Lines_are_classified_exactly(string line, ProtocolLineKind kind)
    {
        Assert.Equal(kind, ProtocolLine.Classify(line).Kind);
    }
}
