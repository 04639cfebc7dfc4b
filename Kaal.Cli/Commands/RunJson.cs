using System.Collections.Generic;
using System.Text.Json.Nodes;
using Kaal.Hil.Protocol;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>`kaal run --format json`'s document (docs/json.md, "kaal run").</summary>
internal static class RunJson
{
    public static JsonObject Of(string manifestPath, ulong seed, SystemRun run, string? tracePath)
    {
        RunResult result = run.Result;
        return new JsonObject
        {
            ["command"] = "run",
            ["manifest"] = manifestPath,
            ["seed"] = seed,
            ["outcome"] = result.Outcome.ToString(),
            ["check"] = Verdict.Check(result.Outcome),
            ["verdict"] = Verdict.Line(result),
            ["steps"] = result.Steps,
            ["shutDown"] = run.Simulation.ShutDown,
            ["systemExitCode"] = run.Simulation.ShutDown ? run.Simulation.ExitCode : null,
            ["console"] = ByComponent(run.ConsoleLines),
            ["tracePath"] = tracePath,
        };
    }

    /// <summary>Each component's lines without their `[name] ` prefix, components in the order they first printed;
    /// lines no component printed (the kernel's) under "".</summary>
    private static JsonObject ByComponent(IReadOnlyList<string> lines)
    {
        var console = new JsonObject();
        foreach (string line in lines)
        {
            (string component, string text) = ComponentLine.TryParse(line, out ComponentLine printed) ? (printed.Component, printed.Text) : ("", line);
            if (console[component] is not JsonArray componentLines)
            {
                componentLines = [];
                console[component] = componentLines;
            }
            componentLines.Add(text);
        }
        return console;
    }
}
