using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Kaal.Sim.Exploration;
using Kaal.Sim.Exploration.Campaigns;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>`kaal merge REPORT...`: combines the campaign reports of shards (kaal explore --shard i/N --report F).
/// Exit 0 no bug, 1 bugs (each distinct one listed, its trace written with --traces), 2 unreadable or
/// incompatible reports, or shards missing without --allow-missing.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var reports = new Argument<string[]>("reports") { Description = "campaign reports written by kaal explore --report", Arity = ArgumentArity.OneOrMore }.NoOptionLikeValues();
        var output = new Option<string?>("--out") { Description = "write the merged report here" }.OutputFile();
        var traces = new Option<string?>("--traces") { Description = "write the trace of each distinct bug into this folder (bug-1.json, ...)" };
        var allowMissing = new Option<bool>("--allow-missing") { Description = "merge even if some shards of the campaign have no report" };
        var command = new Command("merge", "Combine shard reports of a campaign; bugs are deduplicated by failure signature");
        command.Arguments.Add(reports);
        command.Options.Add(output);
        command.Options.Add(traces);
        command.Options.Add(allowMissing);
        command.SetAction(parse => Run(parse.GetValue(reports)!, parse.GetValue(output), parse.GetValue(traces), parse.GetValue(allowMissing)));
        return command;
    }

    private static int Run(string[] paths, string? outputPath, string? traceFolder, bool allowMissing)
    {
        CampaignReport merged;
        try
        {
            var reports = new List<(string, CampaignReport)>();
            foreach (string path in paths) reports.Add((path, CampaignReportFile.Read(path)));
            merged = CampaignMerge.Merge(reports);
        }
        catch (Exception error) when (error is ReportFormatException or CampaignMergeException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        Console.WriteLine($"merged {paths.Length} report(s) of {merged.Scenario} ({merged.Strategy}, seed {merged.Seed}, {merged.Iterations} iterations, " +
            $"memory model {MemoryModels.Name(merged.MemoryModel)}): shards {string.Join(", ", merged.Shards)} of {merged.ShardCount}");
        Console.WriteLine($"schedules {merged.Schedules}, decisions {merged.Decisions}, {merged.InfeasibleSchedules} infeasible, coverage digest {merged.CoverageDigest:x16}");
        if (outputPath is not null)
        {
            CampaignReportFile.Write(outputPath, merged);
            Console.WriteLine($"merged report: {Path.GetFullPath(outputPath)}");
        }
        if (merged.Bugs.Count == 0) Console.WriteLine("no bug found");
        for (int index = 0; index < merged.Bugs.Count; index++)
        {
            CampaignBug bug = merged.Bugs[index];
            Console.WriteLine($"bug {index + 1}: {bug.Outcome}: {bug.Message}");
            Console.WriteLine($"  first at iteration {bug.Iteration} (shard {bug.Shard}), found by {bug.Occurrences} report(s); signature: {bug.Signature}");
            if (traceFolder is null) continue;
            string tracePath = Path.Combine(traceFolder, $"bug-{index + 1}.json");
            TraceFile.Write(tracePath, bug.Trace);
            Console.WriteLine($"  replay: kaal replay {tracePath}");
        }
        if (merged.MissingShards.Count > 0)
        {
            string missing = $"shards {string.Join(", ", merged.MissingShards)} of {merged.ShardCount} have no report";
            if (!allowMissing)
            {
                Console.Error.WriteLine($"error: {missing} (--allow-missing merges anyway)");
                return 2;
            }
            Console.WriteLine($"incomplete: {missing}");
        }
        return merged.Bugs.Count > 0 ? 1 : 0;
    }
}
