using System;

namespace Kaal.Sim.Strategies;

/// <summary>
/// k, the number of decisions a schedule is expected to have, for strategies that place their preemptions
/// uniformly in [0, k) (PCT's change points, delay-bounding's delays). Either fixed, or the longest schedule
/// this instance has seen so far (<see cref="InitialSteps"/> before the first one ends): too small a k crowds
/// the preemptions into the start of a run, too large a k wastes them past its end.
/// An adaptive k makes schedule i depend on schedules 0..i-1 of the same instance, not only on its seed:
/// replay follows the recorded decisions, so that is harmless there, but parallel workers that each own an
/// instance see different histories; fix k when results must not depend on how iterations are split.
/// </summary>
public sealed class ScheduleLengthEstimate
{
    public const int InitialSteps = 100;

    private readonly int? _fixedSteps;
    private int _longestSteps;
    private int _currentSteps;

    public ScheduleLengthEstimate(int? fixedSteps = null)
    {
        if (fixedSteps is < 1) throw new ArgumentOutOfRangeException(nameof(fixedSteps), fixedSteps, "a schedule length estimate is at least 1 step");
        _fixedSteps = fixedSteps;
        Steps = fixedSteps ?? InitialSteps;
    }

    public bool IsFixed => _fixedSteps.HasValue;

    /// <summary>k for the schedule that is running (set by <see cref="BeginSchedule"/>).</summary>
    public int Steps { get; private set; }

    /// <summary>Closes the previous schedule's count and returns k for the next one.</summary>
    public int BeginSchedule()
    {
        _longestSteps = Math.Max(_longestSteps, _currentSteps);
        _currentSteps = 0;
        Steps = _fixedSteps ?? (_longestSteps > 0 ? _longestSteps : InitialSteps);
        return Steps;
    }

    /// <summary>Called with every decision number; the schedule's length is the last one plus one.</summary>
    public void Observe(int step) => _currentSteps = Math.Max(_currentSteps, step + 1);
}
