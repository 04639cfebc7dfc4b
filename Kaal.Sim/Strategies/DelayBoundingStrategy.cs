using System;
using System.Collections.Generic;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Randomized delay bounding (Emmi, Qadeer, Rakamarić, POPL 2011): a deterministic scheduler plus at most
/// <see cref="MaxDelays"/> = B delays per schedule.
/// <list type="bullet">
/// <item>Without a delay the thread that keeps running without preemption runs (<c>running</c>), or the
/// lowest enabled thread id when nothing is running: non-preemptive, so a bug needs a few delays at the right
/// steps, and few delays suffice for most bugs.</item>
/// <item>A delay skips the thread that would run for the next enabled one in ascending-id order, wrapping
/// (round robin). The B delay points are drawn uniformly from the decision numbers [0, k) with replacement,
/// k from <see cref="ScheduleLengthEstimate"/>: points that coincide delay that step several times (skip
/// several threads); a delay at a step with one enabled thread changes nothing and is spent.</item>
/// </list>
/// </summary>
public sealed class DelayBoundingStrategy : IStrategy
{
    public const int DefaultMaxDelays = 3;

    private readonly List<int> _delayPoints = new();
    private readonly ScheduleLengthEstimate _length;
    private DeterministicRandom _random;
    private int _nextDelayPoint;

    /// <param name="maxDelays">B: delays per schedule.</param>
    /// <param name="lengthEstimateSteps">k fixed; null adapts it to the longest schedule seen.</param>
    public DelayBoundingStrategy(int maxDelays = DefaultMaxDelays, int? lengthEstimateSteps = null)
    {
        if (maxDelays < 0) throw new ArgumentOutOfRangeException(nameof(maxDelays), maxDelays, "the delay bound is at least 0");
        MaxDelays = maxDelays;
        _length = new ScheduleLengthEstimate(lengthEstimateSteps);
    }

    public int MaxDelays { get; }

    public string Name => _length.IsFixed ? $"delay-bounding:{MaxDelays}:{_length.Steps}" : $"delay-bounding:{MaxDelays}";

    /// <summary>This schedule's delay points, ascending decision numbers (repeats are multiple delays).</summary>
    public IReadOnlyList<int> DelayPoints => _delayPoints;

    public bool BeginSchedule(int iteration, ulong seed)
    {
        int lengthSteps = _length.BeginSchedule();
        _random = new DeterministicRandom(seed);
        _delayPoints.Clear();
        for (int delay = 0; delay < MaxDelays; delay++)
        {
            _delayPoints.Add(_random.NextInt(lengthSteps));
        }
        _delayPoints.Sort();
        _nextDelayPoint = 0;
        return true;
    }

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step)
    {
        _length.Observe(step);
        int delays = 0;
        while (_nextDelayPoint < _delayPoints.Count && _delayPoints[_nextDelayPoint] <= step)
        {
            _nextDelayPoint++;
            delays++;
        }
        int undelayed = running >= 0 ? running : 0;
        return (undelayed + delays) % enabled.Length;
    }

    /// <summary>Delays bound preemptions only; the other choices are uniform.</summary>
    public int ChooseAlternative(ChoiceKind kind, int count, int step) => _random.NextInt(count);
}
