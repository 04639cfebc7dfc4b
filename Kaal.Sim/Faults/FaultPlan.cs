using System.Collections.Generic;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Faults;

/// <summary>
/// One schedule's fault plan: which kinds are on and how dense their candidate points are (from the settings, or
/// in swarm mode drawn from the schedule's seed), and a seeded stream that marks candidate points. The stream is
/// consumed the same way whatever happens (one draw per kind per step), so a replay with the same seed meets the
/// same candidate points; whether a fault happens there is the strategy's recorded decision.
/// </summary>
public sealed class FaultPlan
{
    /// <summary>The timer is late by a multiple of this (alternatives 0..3).</summary>
    public const ulong JitterTicks = 250;
    public const int JitterAlternatives = 4;
    private static readonly int[] SwarmOneIn = { 20, 100, 500 };

    private readonly SortedDictionary<FaultKinds, int> _oneIn = new();
    private readonly FaultKinds[] _kinds;
    private readonly bool[] _candidate;
    private readonly int _healAfterSteps;
    private DeterministicRandom _random;
    private int _drawnStep = -1;

    public FaultPlan(FaultSettings settings, ulong scheduleSeed)
    {
        _healAfterSteps = settings.HealAfterSteps;
        _random = new DeterministicRandom(scheduleSeed ^ 0xFA17_5EED_0000_0001UL);
        if (settings.Swarm)
        {
            // VOPR's swarm testing: each schedule its own mix, so rare combinations get their turn.
            foreach (FaultKinds kind in FaultSettings.AllKinds)
            {
                bool on = _random.NextInt(2) == 1;
                int oneIn = SwarmOneIn[_random.NextInt(SwarmOneIn.Length)];
                // Drawn for every kind, left out or not, so leaving one out changes nothing else of the schedule's mix.
                if (on && (settings.SwarmExcluded & kind) == 0) _oneIn[kind] = oneIn;
            }
        }
        foreach (KeyValuePair<FaultKinds, int> entry in settings.OneIn) _oneIn[entry.Key] = entry.Value;
        _kinds = new FaultKinds[_oneIn.Count];
        _oneIn.Keys.CopyTo(_kinds, 0);
        _candidate = new bool[_kinds.Length];
    }

    /// <summary>The kinds on in this schedule, with their 1-in-N density (for reports).</summary>
    public IReadOnlyDictionary<FaultKinds, int> Active => _oneIn;

    public bool IsEmpty => _kinds.Length == 0;

    /// <summary>Draws this step's candidate points (once per step; later calls for the same step reuse them).</summary>
    public void BeginStep(int step)
    {
        if (step == _drawnStep) return;
        _drawnStep = step;
        for (int index = 0; index < _kinds.Length; index++)
        {
            _candidate[index] = _random.NextInt(_oneIn[_kinds[index]]) == 0 && (_healAfterSteps == 0 || step < _healAfterSteps);
        }
    }

    /// <summary>Whether this step is a candidate point for <paramref name="kind"/>.</summary>
    public bool IsCandidate(FaultKinds kind)
    {
        for (int index = 0; index < _kinds.Length; index++)
        {
            if (_kinds[index] == kind) return _candidate[index];
        }
        return false;
    }
}
