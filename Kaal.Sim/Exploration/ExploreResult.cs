using Kaal.Sim.Runtime;

namespace Kaal.Sim.Exploration;

/// <summary>
/// What an exploration found. <see cref="FirstBug"/> is the bug of the lowest-numbered buggy schedule, so
/// it (and its trace) is the same for any number of workers; the counters cover schedules 0 up to that one
/// (or all of them when there is no bug). <see cref="Exhausted"/>: an exhaustive strategy covered its space.
/// </summary>
public sealed record ExploreResult(
    int Schedules,
    long Decisions,
    int BuggySchedules,
    RunResult? FirstBug,
    Trace? Trace,
    bool Exhausted,
    bool TimeBudgetHit,
    double ElapsedSeconds)
{
    public double DecisionsPerSecond => ElapsedSeconds > 0 ? Decisions / ElapsedSeconds : 0;

    public double SchedulesPerSecond => ElapsedSeconds > 0 ? Schedules / ElapsedSeconds : 0;
}
