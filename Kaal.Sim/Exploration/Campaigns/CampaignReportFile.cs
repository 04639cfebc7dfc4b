using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Exploration.Campaigns;

/// <summary>
/// Campaign reports as JSON (<c>"format": "kaal-campaign-report", "version": 1</c>); each bug carries its whole
/// trace (the kaal-trace object), so a merged report is enough to replay every bug. Anything else, or a
/// missing or ill-typed field, is rejected with the file and the field.
/// </summary>
public static class CampaignReportFile
{
    public const string FormatName = "kaal-campaign-report";
    public const int FormatVersion = 1;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string path, CampaignReport report)
    {
        var shards = new JsonArray();
        foreach (int shard in report.Shards) shards.Add(shard);
        var bugs = new JsonArray();
        foreach (CampaignBug bug in report.Bugs)
        {
            bugs.Add(new JsonObject
            {
                ["signature"] = bug.Signature,
                ["shard"] = bug.Shard,
                ["iteration"] = bug.Iteration,
                ["outcome"] = bug.Outcome,
                ["message"] = bug.Message,
                ["report"] = bug.Report,
                ["occurrences"] = bug.Occurrences,
                ["trace"] = TraceFile.ToJson(bug.Trace),
            });
        }
        var root = new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = FormatVersion,
            ["scenario"] = report.Scenario,
            ["strategy"] = report.Strategy,
            ["seed"] = report.Seed,
            ["iterations"] = report.Iterations,
            ["maxSteps"] = report.MaxSteps,
            ["checkInvariants"] = report.CheckInvariants,
            ["memoryModel"] = MemoryModels.Name(report.MemoryModel),
            ["promiseBudget"] = report.PromiseBudget,
            ["shardCount"] = report.ShardCount,
            ["shards"] = shards,
            ["schedules"] = report.Schedules,
            ["decisions"] = report.Decisions,
            ["infeasibleSchedules"] = report.InfeasibleSchedules,
            ["coverageDigest"] = report.CoverageDigest.ToString("x16", CultureInfo.InvariantCulture),
            ["exhausted"] = report.Exhausted,
            ["timeBudgetHit"] = report.TimeBudgetHit,
            ["elapsedSeconds"] = report.ElapsedSeconds,
            ["bugs"] = bugs,
        };
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, root.ToJsonString(Indented) + "\n");
    }

    public static CampaignReport Read(string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new ReportFormatException(path, "expected a JSON object at the top");
        }
        catch (JsonException error)
        {
            throw new ReportFormatException(path, $"not JSON ({error.Message})");
        }
        string format = Field<string>(path, root, "format");
        if (format != FormatName) throw new ReportFormatException(path, $"format is '{format}', expected '{FormatName}'");
        int version = Field<int>(path, root, "version");
        if (version != FormatVersion) throw new ReportFormatException(path, $"version {version} is not supported (this kaal reads version {FormatVersion})");
        if (!ulong.TryParse(Field<string>(path, root, "coverageDigest"), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong digest))
        {
            throw new ReportFormatException(path, "field 'coverageDigest' is not a hexadecimal number");
        }
        MemoryModel memoryModel;
        try
        {
            memoryModel = MemoryModels.Parse(Field<string>(path, root, "memoryModel"));
        }
        catch (ArgumentException error)
        {
            throw new ReportFormatException(path, $"field 'memoryModel': {error.Message}");
        }
        var shards = new List<int>();
        foreach (JsonNode? shard in Array(path, root, "shards"))
        {
            shards.Add(shard is JsonValue value && value.TryGetValue(out int index) ? index : throw new ReportFormatException(path, $"'shards' holds {shard?.ToJsonString() ?? "null"}, expected shard numbers"));
        }
        var bugs = new List<CampaignBug>();
        JsonArray bugArray = Array(path, root, "bugs");
        for (int index = 0; index < bugArray.Count; index++)
        {
            string where = $"{path}: bugs[{index}]";
            if (bugArray[index] is not JsonObject bug || bug["trace"] is not JsonObject trace) throw new ReportFormatException(where, "expected an object with a 'trace' object");
            Trace parsed;
            try
            {
                parsed = TraceFile.FromJson($"{where}.trace", trace);
            }
            catch (TraceFormatException error)
            {
                throw new ReportFormatException(where, error.Message);
            }
            bugs.Add(new CampaignBug(Field<string>(where, bug, "signature"), Field<int>(where, bug, "shard"), Field<int>(where, bug, "iteration"),
                Field<string>(where, bug, "outcome"), Field<string>(where, bug, "message"), Field<string>(where, bug, "report"), parsed, Field<int>(where, bug, "occurrences")));
        }
        return new CampaignReport(Field<string>(path, root, "scenario"), Field<string>(path, root, "strategy"), Field<ulong>(path, root, "seed"),
            Field<int>(path, root, "iterations"), Field<int>(path, root, "maxSteps"), Field<bool>(path, root, "checkInvariants"), memoryModel,
            Field<int>(path, root, "promiseBudget"), Field<int>(path, root, "shardCount"), shards, Field<int>(path, root, "schedules"),
            Field<long>(path, root, "decisions"), Field<int>(path, root, "infeasibleSchedules"), digest, Field<bool>(path, root, "exhausted"),
            Field<bool>(path, root, "timeBudgetHit"), Field<double>(path, root, "elapsedSeconds"), bugs);
    }

    private static JsonArray Array(string path, JsonObject root, string name) =>
        root[name] as JsonArray ?? throw new ReportFormatException(path, $"field '{name}' must be an array");

    private static T Field<T>(string path, JsonObject root, string name) =>
        JsonFields.Get<T>(root, name, problem => new ReportFormatException(path, problem));
}

/// <summary>A file that is not a version-1 kaal campaign report, or is damaged.</summary>
public sealed class ReportFormatException(string path, string problem) : Exception($"{path}: {problem}");
