using Kaal.Hil.Differential;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>Which component lines count as timing (left out of the differential check), rule by rule, and that the
/// systems' logic lines, configured durations included, are never among them.</summary>
public sealed class TimingLineRulesTests
{
    [Theory]
    [InlineData("kaal-bench: name=yield iterations=1000 ticks=52 baseline_ticks=3 counter_hz=62500000", "benchmark record")]
    [InlineData("kaal-figures: counter_hz=62500000 first_line_counter=10", "benchmark record")]
    [InlineData("round trip done ticks=1234", "counter field")]
    [InlineData("idle end_counter=99 heap 4096", "counter field")]
    [InlineData("sent 40 items elapsed_ms=3", "counter field")]
    [InlineData("sent 40 items; took 12 ms", "measured duration")]
    [InlineData("all tests passed in 0.25 s", "measured duration")]
    [InlineData("elapsed: 17 us", "measured duration")]
    [InlineData("woke at 12:04:59", "time of day")]
    [InlineData("deadline reached at tick 5000", "tick or step count")]
    [InlineData("idle for 300 ticks", "tick or step count")]
    [InlineData("stopped after 849 steps", "tick or step count")]
    [InlineData("fault location of test_fault: pc 0x4123AC", "code address")]
    public void A_line_that_reads_a_clock_is_timing_and_says_which_rule(string text, string rule)
    {
        Assert.Equal(rule, TimingLineRules.Match(text)?.Name);
    }

    [Theory]
    [InlineData("restarting test_fault (restart 1 of 1, backoff 0 ms)")] // configured, not measured
    [InlineData("restarting ipc_consumer (restart 1 of 5, backoff 100 ms)")]
    [InlineData("received items 1..40 in order, checksum 0x3E1B092D")]
    [InlineData("sent 40 items")]
    [InlineData("summary: 5 started, 1 restarted, 2 faulted, 1 failed, 0 not started")]
    [InlineData("gave up on test_fault after 1 restarts")]
    [InlineData("faulted test_fault: VmFault at address 0x10")]
    [InlineData("spawned test_fault (priority 90, restart 1)")]
    [InlineData("Starting test 1: CAP_DERIVE_RIGHTS")]
    [InlineData("Test suite passed. 3 tests passed. 0 tests disabled.")]
    [InlineData("about to fault (instance 1)")]
    [InlineData("all applications have ended; shutting down")]
    public void Logic_lines_are_not_timing(string text)
    {
        Assert.Null(TimingLineRules.Match(text));
    }
}
