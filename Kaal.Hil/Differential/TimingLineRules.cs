using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Kaal.Hil.Differential;

/// <summary>
/// Which component lines the differential check leaves out because they depend on time, not on logic: the
/// simulator's clock is one tick per step and QEMU's is the host's (or -icount's), so a reading of either differs
/// between two correct runs. The list is short and explicit on purpose: every rule drops whole lines, and a rule
/// too broad would hide real differences. Durations a component was configured with (`backoff 100 ms` in
/// system_init's restarting line) are logic, the same on both sides, and are compared.
/// </summary>
public static partial class TimingLineRules
{
    public static IReadOnlyList<TimingLineRule> All { get; } =
    [
        // The kernel's measurement records are counter readings from start to end.
        new("benchmark record", BenchmarkRecord()),
        // ticks=, end_counter=, counter_hz=, elapsed_ms=: a field named after a clock quantity.
        new("counter field", CounterField()),
        // took/in/elapsed and a number with a unit: a duration the run measured.
        new("measured duration", MeasuredDuration()),
        new("time of day", TimeOfDay()),
        // tick N, step N, N ticks, N steps: a position in time (the simulator's steps, the timer's ticks).
        new("tick or step count", TickOrStepCount()),
        // Not time but the same kind of reading: where a faulting instruction sits in its image. The simulator has
        // no instruction addresses (it reports the image entry), the CPU the real pc; system_init's fault line keeps
        // what both share (kind, data address) and puts the pc in this line of its own.
        new("code address", CodeAddress()),
    ];

    /// <summary>The first rule that says <paramref name="text"/> (a component line without its prefix) depends on
    /// time, or null when it is logic.</summary>
    public static TimingLineRule? Match(string text) => All.FirstOrDefault(rule => rule.Matches(text));

    [GeneratedRegex(@"^kaal-(bench|figures):")]
    private static partial Regex BenchmarkRecord();

    [GeneratedRegex(@"\b([a-z]+_)*(ticks|counter|cycles|instructions|hz|ns|us|ms)=\d", RegexOptions.IgnoreCase)]
    private static partial Regex CounterField();

    [GeneratedRegex(@"\b(took|in|elapsed:?)\s+\d+(\.\d+)?\s*(ns|us|µs|ms|s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MeasuredDuration();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}:\d{2}\b")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"^fault location of \S+: pc 0x[0-9A-F]+$")]
    private static partial Regex CodeAddress();

    [GeneratedRegex(@"\b(tick|step)\s+\d+\b|\b\d+\s+(ticks|steps)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TickOrStepCount();
}
