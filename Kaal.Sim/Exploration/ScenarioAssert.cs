using System;
using System.IO;
using System.Text;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Exploration;

/// <summary>
/// The one call for a user's test: explore a scenario and fail with the bug: its verdict first (as `kaal explore`
/// prints it), the report, where its trace was written and the command that replays it.
/// </summary>
public static class ScenarioAssert
{
    /// <summary>Explores <paramref name="scenario"/>; throws <see cref="ScenarioBugException"/> on the first bug, and
    /// <see cref="ScenarioNotCheckedException"/> when no bug was found but schedules reached the step limit unchecked
    /// (as `kaal explore` says NOT PASSED). Traces go to <paramref name="traceDirectory"/> (default: the system temp folder).</summary>
    public static ExploreResult NoBugs(SimScenario scenario, ExploreSettings? settings = null, string? traceDirectory = null)
    {
        settings ??= new ExploreSettings(Strategy: new PortfolioStrategySettings());
        ExploreResult result = Explorer.Explore(scenario, settings);
        if (result.FirstBug is null && result.StepLimitSchedules > 0)
        {
            throw new ScenarioNotCheckedException(
                $"{Verdict.Prefix}not passed: {result.StepLimitSchedules} of {result.Schedules} schedules of {scenario.Name} reached the step limit " +
                $"({settings.MaxSteps}) unchecked. Raise MaxSteps if the scenario needs more, mark a component that serves for ever with " +
                "WorldBuilder.AddDaemon, or set EndlessRunIsBug to make a run that never ends a bug.",
                result.StepLimitSchedules);
        }
        if (result.FirstBug is null) return result;
        string directory = traceDirectory ?? Path.GetTempPath();
        string path = Path.Combine(directory, TraceFileName(scenario.Name, result.Trace!.Seed, result.Trace.Iteration));
        TraceFile.Write(path, result.Trace);
        throw new ScenarioBugException(
            Verdict.Line(result.FirstBug) + Environment.NewLine +
            $"{scenario.Name}: {result.FirstBug.Outcome} in schedule {result.Trace.Iteration} (after {result.FirstBug.Steps} steps): {result.FirstBug.Message}" +
            Environment.NewLine + result.FirstBug.Report +
            $"trace: {path}" + Environment.NewLine +
            $"replay: kaal replay {path}" + (scenario.GetType().Assembly == typeof(ScenarioAssert).Assembly ? "" : $" --assembly {scenario.GetType().Assembly.Location}"),
            path);
    }

    /// <summary>A file name (no folder) for a scenario's trace: a system scenario (`system:PATH`) by its manifest's
    /// file name, every character a file name cannot safely hold (a separator, a colon) as '-'.</summary>
    public static string TraceFileName(string scenarioName, ulong seed, int iteration)
    {
        string name = scenarioName.StartsWith(SystemScenario.NamePrefix, StringComparison.Ordinal)
            ? "system-" + Path.GetFileName(scenarioName[SystemScenario.NamePrefix.Length..].Replace('\\', '/').TrimEnd('/'))
            : scenarioName;
        var safe = new StringBuilder(name.Length);
        foreach (char c in name) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        return $"kaal-{safe}-seed{seed}-schedule{iteration}.json";
    }
}

/// <summary>An exploration found a bug; <see cref="TracePath"/> replays it.</summary>
public sealed class ScenarioBugException(string message, string tracePath) : Exception(message)
{
    public string TracePath { get; } = tracePath;
}
