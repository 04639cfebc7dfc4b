using System.Collections.Generic;
using System.Text.Json.Nodes;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>`kaal replay --format json`'s document (docs/json.md, "kaal replay").</summary>
internal static class ReplayJson
{
    /// <param name="windowLines">the step lines the text output shows (around the cause, or the last ones).</param>
    public static JsonObject Of(string tracePath, Trace trace, RunResult result, IReadOnlyList<string> windowLines)
    {
        RunCause? cause = result.IsBug ? result.Cause : null;
        var steps = new JsonArray();
        foreach (string line in windowLines) steps.Add(line);
        return new JsonObject
        {
            ["command"] = "replay",
            ["trace"] = tracePath,
            ["scenario"] = trace.Scenario,
            ["schedule"] = trace.Iteration,
            ["seed"] = trace.Seed,
            ["strategy"] = trace.Strategy,
            ["outcome"] = result.Outcome.ToString(),
            ["check"] = Verdict.Check(result.Outcome),
            ["verdict"] = Verdict.Line(result),
            ["steps"] = result.Steps,
            ["decisions"] = result.Decisions.Count,
            ["cause"] = cause is null ? null : new JsonObject
            {
                ["step"] = cause.Step,
                ["component"] = cause.Component,
                ["monitor"] = cause.Monitor,
                ["what"] = cause.What,
            },
            ["stepLines"] = steps,
            ["matchesTrace"] = result.Outcome.ToString() == trace.Outcome && result.Decisions.Count == trace.Decisions.Count,
        };
    }
}
