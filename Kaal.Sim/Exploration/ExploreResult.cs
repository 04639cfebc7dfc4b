using Kaal.Sim.Runtime;

namespace Kaal.Sim.Exploration;

/// <summary>
/// What an exploration found. <see cref="FirstBug"/> is the bug of the lowest-numbered buggy schedule, so
/// it (and its trace) is the same for any number of workers; the counters cover schedules 0 up to that one
/// (or all of them when there is no bug). <see cref="Exhausted"/>: a systematic search covered every schedule of the
/// scenario, with no bound (preemptions, depth, fair phase, step limit) cutting any out; <see cref="Coverage"/> says
/// exactly what it covered (null for strategies that make no claim). <see cref="StepLimitSchedules"/>: schedules that
/// reached the step limit without an end, so nothing after that point of them was checked. <see cref="HotSteps"/>:
/// steps taken while a liveness monitor was hot (the liveness check's cost: <see cref="Runtime.RunResult.HotSteps"/>).
/// <see cref="InfeasibleSchedules"/>: schedules discarded as not ARMv8 executions (a failed promise).
/// <see cref="CoverageDigest"/>: the wrapping sum of <see cref="Exploration.CoverageDigest.Of"/> over the schedules
/// counted, so the digests of a campaign's shards add up to the digest of the unsharded run.
/// </summary>
public sealed record ExploreResult(
    int Schedules,
    long Decisions,
    int BuggySchedules,
    RunResult? FirstBug,
    Trace? Trace,
    bool Exhausted,
    bool TimeBudgetHit,
    double ElapsedSeconds,
    int InfeasibleSchedules = 0,
    ulong CoverageDigest = 0,
    int StepLimitSchedules = 0,
    string? Coverage = null,
    long HotSteps = 0)
{
    public double DecisionsPerSecond => ElapsedSeconds > 0 ? Decisions / ElapsedSeconds : 0;

    public double SchedulesPerSecond => ElapsedSeconds > 0 ? Schedules / ElapsedSeconds : 0;
}
