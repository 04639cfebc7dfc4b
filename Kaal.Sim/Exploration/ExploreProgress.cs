namespace Kaal.Sim.Exploration;

/// <summary>A snapshot of a running exploration, for progress displays.</summary>
public sealed record ExploreProgress(int Schedules, long Decisions, int BuggySchedules, double ElapsedSeconds);
