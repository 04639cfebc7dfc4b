using System.Text.Json.Nodes;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>`kaal explore --format json`'s document (docs/json.md, "kaal explore"). Everything but
/// <c>wallTimeSeconds</c> is the same for the same arguments.</summary>
internal static class ExploreJson
{
    /// <param name="replayCommand">the command that replays the bug's trace, null without a bug.</param>
    public static JsonObject Of(string scenario, string engine, ExploreSettings settings, ExploreResult result, string tracePath, string? replayCommand)
    {
        var bugs = new JsonArray();
        if (result.FirstBug is RunResult bug)
        {
            bugs.Add(new JsonObject
            {
                ["scheduleIndex"] = result.Trace!.Iteration,
                ["outcome"] = bug.Outcome.ToString(),
                ["check"] = Verdict.Check(bug.Outcome),
                ["verdict"] = Verdict.Line(bug),
                ["steps"] = bug.Steps,
                ["tracePath"] = System.IO.Path.GetFullPath(tracePath),
                ["replayCommand"] = replayCommand,
            });
        }
        return new JsonObject
        {
            ["command"] = "explore",
            ["scenario"] = scenario,
            ["engine"] = engine,
            ["strategy"] = (engine == "coyote" ? settings.Strategy : settings.RunStrategy).Spec,
            ["seed"] = settings.Seed,
            ["iterations"] = settings.Iterations,
            ["maxSteps"] = settings.MaxSteps,
            ["schedulesRun"] = result.Schedules,
            ["decisions"] = result.Decisions,
            ["buggySchedules"] = result.BuggySchedules,
            ["bugs"] = bugs,
            ["exhausted"] = result.Exhausted,
            ["coverage"] = result.Coverage,
            ["stepLimit"] = ExploreSummary.StepLimit(result, settings),
            ["stepLimitSchedules"] = result.StepLimitSchedules,
            ["infeasibleSchedules"] = result.InfeasibleSchedules,
            ["timeBudgetHit"] = result.TimeBudgetHit,
            ["verdict"] = result.FirstBug is RunResult found ? Verdict.Line(found) : ExploreSummary.NoBugVerdict(result, settings),
            ["wallTimeSeconds"] = result.ElapsedSeconds,
        };
    }
}
