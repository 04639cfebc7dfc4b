using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Follows a recorded schedule decision by decision (replay follows the decisions, not the seed): thread
/// choices and the alternatives of other choices, in the order the run asks for them. When the code no longer
/// offers the recorded choice, it stops with <see cref="TraceDivergedException"/> naming the step, instead of
/// silently running a different schedule. A run starts asking at step 0, which rewinds the instance, so one
/// instance can replay the same decisions several times.
/// </summary>
public sealed class ReplayStrategy(IReadOnlyList<uint> decisions) : IStrategy
{
    private int _next;

    public string Name => "replay";

    public bool BeginSchedule(int iteration, ulong seed)
    {
        _next = 0;
        return true;
    }

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step)
    {
        if (step == 0) _next = 0;
        if (_next >= decisions.Count)
        {
            throw new TraceDivergedException(step, $"the trace ends after {decisions.Count} decisions but the run goes on (enabled threads {Format(enabled)})");
        }
        uint recorded = decisions[_next++];
        if (Decision.IsAlternative(recorded))
        {
            throw new TraceDivergedException(step, $"the trace has a {Decision.Format(recorded)} choice where the run asks which thread runs (enabled threads {Format(enabled)})");
        }
        int index = enabled.IndexOf(recorded);
        if (index < 0)
        {
            throw new TraceDivergedException(step, $"the trace chose thread {recorded}, which cannot run now (enabled threads {Format(enabled)})");
        }
        return index;
    }

    public int ChooseAlternative(ChoiceKind kind, int count, int step)
    {
        string asked = $"a {Decision.Name(kind)} choice among {count}";
        if (_next >= decisions.Count)
        {
            throw new TraceDivergedException(step, $"the trace ends after {decisions.Count} decisions but the run asks for {asked}");
        }
        uint recorded = decisions[_next++];
        if (!Decision.IsAlternative(recorded) || Decision.KindOf(recorded) != kind || Decision.IndexOf(recorded) >= count)
        {
            throw new TraceDivergedException(step, $"the trace has {Decision.Format(recorded)} where the run asks for {asked}");
        }
        return Decision.IndexOf(recorded);
    }

    private static string Format(ReadOnlySpan<uint> enabled) => "[" + string.Join(", ", enabled.ToArray().Select(t => t.ToString())) + "]";
}

/// <summary>The code no longer matches a trace: at <see cref="Step"/> the recorded choice is not possible.</summary>
public sealed class TraceDivergedException(int step, string detail)
    : Exception($"the code no longer matches the trace at step {step}: {detail}")
{
    public int Step { get; } = step;
}
