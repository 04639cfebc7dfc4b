using System;
using System.IO;
using Kaal.Sim.Scenarios;

namespace Kaal.Sim.Exploration;

/// <summary>
/// The one call for a user's test: explore a scenario and fail with the bug, where its trace was written
/// and the command that replays it.
/// </summary>
public static class ScenarioAssert
{
    /// <summary>Explores <paramref name="scenario"/>; throws <see cref="ScenarioBugException"/> on the first bug.
    /// Traces go to <paramref name="traceDirectory"/> (default: the system temp folder).</summary>
    public static ExploreResult NoBugs(SimScenario scenario, ExploreSettings? settings = null, string? traceDirectory = null)
    {
        ExploreResult result = Explorer.Explore(scenario, settings ?? new ExploreSettings(Strategy: "portfolio"));
        if (result.FirstBug is null) return result;
        string directory = traceDirectory ?? Path.GetTempPath();
        string path = Path.Combine(directory, $"kaal-{scenario.Name}-seed{result.Trace!.Seed}-schedule{result.Trace.Iteration}.json");
        TraceFile.Write(path, result.Trace);
        throw new ScenarioBugException(
            $"{scenario.Name}: {result.FirstBug.Outcome} in schedule {result.Trace.Iteration} (after {result.FirstBug.Steps} steps): {result.FirstBug.Message}" +
            Environment.NewLine + result.FirstBug.Report +
            $"trace: {path}" + Environment.NewLine +
            $"replay: kaal replay {path}" + (scenario.GetType().Assembly == typeof(ScenarioAssert).Assembly ? "" : $" --assembly {scenario.GetType().Assembly.Location}"),
            path);
    }
}

/// <summary>An exploration found a bug; <see cref="TracePath"/> replays it.</summary>
public sealed class ScenarioBugException(string message, string tracePath) : Exception(message)
{
    public string TracePath { get; } = tracePath;
}
