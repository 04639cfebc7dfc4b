using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Kaal.Hil.Suites;

namespace Kaal.Cli.Commands;

/// <summary>`kaal hil run --format json`'s document (docs/json.md, "kaal hil run").</summary>
internal static class HilJson
{
    public static JsonObject Of(SuiteResult result, string? junitPath, TimeSpan wallTime)
    {
        var tests = new JsonArray();
        foreach (TestCaseResult test in result.Tests)
        {
            tests.Add(new JsonObject
            {
                ["boot"] = test.Boot,
                ["number"] = test.Number,
                ["name"] = test.Name,
                ["status"] = test.Status.ToString(),
                ["message"] = test.Message,
            });
        }
        var checks = new JsonArray();
        foreach (SuiteCheck check in result.Checks)
        {
            checks.Add(new JsonObject { ["name"] = check.Name, ["passed"] = check.Passed, ["message"] = check.Message });
        }
        return new JsonObject
        {
            ["command"] = "hil run",
            ["suite"] = result.Suite,
            ["target"] = result.Target,
            ["image"] = result.ImagePath,
            ["outcome"] = result.Outcome.ToString(),
            ["passed"] = result.Passed,
            ["summary"] = result.Summary,
            ["details"] = result.Details,
            ["guestExitCode"] = result.ExitCode,
            ["tests"] = tests,
            ["checks"] = checks,
            ["missingExpectedLines"] = Strings(result.MissingExpectedLines),
            ["protocolProblems"] = Strings(result.ProtocolProblems),
            ["junitPath"] = junitPath,
            ["wallTimeSeconds"] = wallTime.TotalSeconds,
        };
    }

    private static JsonArray Strings(IReadOnlyList<string> lines)
    {
        var array = new JsonArray();
        foreach (string line in lines) array.Add(line);
        return array;
    }
}
