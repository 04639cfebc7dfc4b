using System;
using System.Collections.Generic;

namespace Kaal.Sim.Strategies;

/// <summary>
/// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010), with
/// bug depth <see cref="Depth"/> = d:
/// <list type="bullet">
/// <item>Every thread gets a random priority when it is first seen enabled (threads are Model thread ids;
/// a newcomer is inserted at a uniformly random rank among the not-yet-demoted threads, which makes the
/// initial priorities a uniformly random permutation however late threads appear).</item>
/// <item>d-1 distinct change points are drawn uniformly from the decision numbers [0, k) at the start of a
/// schedule, k from <see cref="ScheduleLengthEstimate"/> (the longest schedule seen, 100 at first).</item>
/// <item>At each decision the enabled thread with the highest priority runs. At a change point, first the
/// thread that would run is demoted below every other thread (below earlier demotions too, as the paper's
/// priorities d-1, d-2, ... are), then the highest enabled runs: so a change point is where a preemption can
/// happen, as in Coyote's prioritization strategy.</item>
/// </list>
/// The paper's bound: one schedule finds a given bug of depth d with probability at least 1/(n k^(d-1)).
/// </summary>
public sealed class PctStrategy : IStrategy
{
    public const int DefaultDepth = 3;

    /// <summary>Known threads, highest priority first; the last <see cref="_demotedCount"/> were demoted, the
    /// most recently demoted last.</summary>
    private readonly List<uint> _byPriority = new();
    private readonly List<int> _changePoints = new();
    private readonly ScheduleLengthEstimate _length;
    private DeterministicRandom _random;
    private int _demotedCount;
    private int _nextChangePoint;

    /// <param name="depth">d: the schedule gets d-1 priority change points (d=1: none).</param>
    /// <param name="lengthEstimateSteps">k fixed; null adapts it to the longest schedule seen.</param>
    public PctStrategy(int depth = DefaultDepth, int? lengthEstimateSteps = null)
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "PCT depth is at least 1");
        Depth = depth;
        _length = new ScheduleLengthEstimate(lengthEstimateSteps);
    }

    public int Depth { get; }

    public string Name => _length.IsFixed ? $"pct:{Depth}:{_length.Steps}" : $"pct:{Depth}";

    /// <summary>k used for the current schedule.</summary>
    public int LengthEstimateSteps => _length.Steps;

    /// <summary>This schedule's change points, ascending decision numbers.</summary>
    public IReadOnlyList<int> ChangePoints => _changePoints;

    public bool BeginSchedule(int iteration, ulong seed)
    {
        int lengthSteps = _length.BeginSchedule();
        _random = new DeterministicRandom(seed);
        _byPriority.Clear();
        _demotedCount = 0;
        _nextChangePoint = 0;
        DrawDistinct(ref _random, Math.Min(Depth - 1, lengthSteps), lengthSteps, _changePoints);
        return true;
    }

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step)
    {
        _length.Observe(step);
        foreach (uint thread in enabled)
        {
            if (!_byPriority.Contains(thread))
            {
                _byPriority.Insert(_random.NextInt(_byPriority.Count - _demotedCount + 1), thread);
            }
        }
        if (_nextChangePoint < _changePoints.Count && _changePoints[_nextChangePoint] <= step)
        {
            _nextChangePoint++;
            uint demoted = enabled[Highest(enabled)];
            int rank = _byPriority.IndexOf(demoted);
            // An already demoted thread goes below the others again, and is counted once.
            if (rank < _byPriority.Count - _demotedCount) _demotedCount++;
            _byPriority.RemoveAt(rank);
            _byPriority.Add(demoted);
        }
        return Highest(enabled);
    }

    /// <summary>Priorities order threads, not the values a load may read: the other choices are uniform.</summary>
    public int ChooseAlternative(ChoiceKind kind, int count, int step) => _random.NextInt(count);

    /// <summary>Index in <paramref name="enabled"/> of its highest-priority thread.</summary>
    private int Highest(ReadOnlySpan<uint> enabled)
    {
        foreach (uint thread in _byPriority)
        {
            int index = enabled.IndexOf(thread);
            if (index >= 0) return index;
        }
        throw new InvalidOperationException("PCT: no enabled thread has a priority");
    }

    /// <summary><paramref name="count"/> distinct values uniform in [0, <paramref name="bound"/>), ascending
    /// (Floyd's sampling: exactly count draws, no retries, so the stream use is fixed).</summary>
    internal static void DrawDistinct(ref DeterministicRandom random, int count, int bound, List<int> into)
    {
        into.Clear();
        for (int top = bound - count; top < bound; top++)
        {
            int value = random.NextInt(top + 1);
            into.Add(into.Contains(value) ? top : value);
        }
        into.Sort();
    }
}
