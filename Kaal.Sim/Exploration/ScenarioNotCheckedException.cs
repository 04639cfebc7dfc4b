using System;

namespace Kaal.Sim.Exploration;

/// <summary>An exploration found no bug but could not check every schedule to its end: some reached the step limit
/// (a thread that never stops, or a limit too low for the scenario). Passing such a run would claim more than was
/// checked, so <see cref="ScenarioAssert.NoBugs"/> fails with this instead.</summary>
public sealed class ScenarioNotCheckedException(string message, int stepLimitSchedules) : Exception(message)
{
    public int StepLimitSchedules { get; } = stepLimitSchedules;
}
