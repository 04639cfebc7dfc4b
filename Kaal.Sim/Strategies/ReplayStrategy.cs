using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Follows a recorded schedule decision by decision (replay follows the decisions, not the seed). When the
/// code no longer offers the recorded choice, it stops with <see cref="TraceDivergedException"/> naming the
/// step, instead of silently running a different schedule.
/// </summary>
public sealed class ReplayStrategy(IReadOnlyList<uint> decisions) : IStrategy
{
    public string Name => "replay";

    public bool BeginSchedule(int iteration, ulong seed) => true;

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step)
    {
        if (step >= decisions.Count)
        {
            throw new TraceDivergedException(step, $"the trace ends after {decisions.Count} decisions but the run goes on (enabled threads {Format(enabled)})");
        }
        uint recorded = decisions[step];
        int index = enabled.IndexOf(recorded);
        if (index < 0)
        {
            throw new TraceDivergedException(step, $"the trace chose thread {recorded}, which cannot run now (enabled threads {Format(enabled)})");
        }
        return index;
    }

    private static string Format(ReadOnlySpan<uint> enabled) => "[" + string.Join(", ", enabled.ToArray().Select(t => t.ToString())) + "]";
}

/// <summary>The code no longer matches a trace: at <see cref="Step"/> the recorded choice is not possible.</summary>
public sealed class TraceDivergedException(int step, string detail)
    : Exception($"the code no longer matches the trace at step {step}: {detail}")
{
    public int Step { get; } = step;
}
