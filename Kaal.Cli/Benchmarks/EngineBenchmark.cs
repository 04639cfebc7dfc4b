using System;
using System.Collections.Generic;
using Kaal.Cli.Commands;
using Kaal.Cli.Rendering;
using Kaal.Sim.Coyote;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;

namespace Kaal.Cli.Benchmarks;

/// <summary>
/// `kaal bench engines`: KaaL's explorer and Microsoft Coyote's TestingEngine (Kaal.Sim.Coyote) on the same scenarios in
/// one run, so the comparison is always measurable: throughput (schedules/s, decisions/s) on spsc-channel and, from the
/// repository root, the default system; and per strategy both engines have, the share of schedules that hit the bug,
/// the median schedules and milliseconds to the first one, and the seeds that found none, on stale-full and the two-core
/// missing release. Every figure is printed with its ratio; nothing here is a pass/fail threshold.
/// Invariant checking is off and one worker runs: these are engine figures.
/// </summary>
internal static class EngineBenchmark
{
    /// <summary>Specs both engines parse to the same kind of strategy (Coyote's pct is its prioritization strategy).</summary>
    public static readonly string[] Strategies = { "random", "probabilistic:3", "pct:3", "pct:10", "delay-bounding:3", "delay-bounding:10" };

    public static int Measurements => 2 + 2 * Strategies.Length;

    public static IReadOnlyList<FigureTable> Measure(int schedules, int seeds, int perSeed, BenchProgress progress)
    {
        var throughput = new FigureTable($"throughput, random, 1 worker (ratio: kaal/coyote)",
            new FigureColumn("scenario", "scenario", IsFigure: false), new FigureColumn("schedules", "schedules"), new FigureColumn("engine", "engine", IsFigure: false),
            new FigureColumn("schedulesPerSecond", "schedules/s"), new FigureColumn("decisionsPerSecond", "decisions/s"));
        progress.Next("throughput, spsc-channel");
        Throughput(throughput, "spsc-channel", SimBenchmark.OneCoreChannel, schedules);
        progress.Next("throughput, default system");
        if (System.IO.File.Exists("components.toml"))
        {
            Throughput(throughput, "default system (components.toml)", SystemScenario.FromFile("components.toml", ComponentSources.BuiltInOnly.Components), Math.Max(5, schedules / 20));
        }
        else
        {
            throughput.Notes.Add("default system: skipped (run from the repository root, where components.toml is)");
        }
        return [throughput, Hunt("spsc-channel-stale-full", SimBenchmark.StaleFull, seeds, perSeed, progress),
            Hunt("spsc-channel-missing-release-smp (arm)", SimBenchmark.MissingRelease, seeds, perSeed, progress)];
    }

    private static void Throughput(FigureTable table, string title, SimScenario scenario, int schedules)
    {
        SimBenchmark.Throughput kaal = SimBenchmark.MeasureThroughput(scenario, schedules, 1, scenario.MemoryModel);
        var settings = new ExploreSettings(Iterations: schedules, CheckInvariants: false);
        CoyoteExplorer.Explore(scenario, settings with { Iterations = Math.Max(1, schedules / 10) });
        ExploreResult coyote = CoyoteExplorer.Explore(scenario, settings).Result;
        if (coyote.FirstBug is not null) throw new InvalidOperationException($"benchmark scenario failed under Coyote: {coyote.FirstBug.Message}");
        table.Add(title, FigureCell.Number(schedules), "kaal", FigureCell.Number(kaal.SchedulesPerSecond, "N0"), FigureCell.Number(kaal.DecisionsPerSecond, "N0"));
        table.Add(title, FigureCell.Number(schedules), "coyote", FigureCell.Number(coyote.SchedulesPerSecond, "N0"), FigureCell.Number(coyote.DecisionsPerSecond, "N0"));
        table.Add(title, FigureCell.Number(schedules), "kaal/coyote", FigureCell.Number(kaal.SchedulesPerSecond / coyote.SchedulesPerSecond, "F1", "x"),
            FigureCell.Number(kaal.DecisionsPerSecond / coyote.DecisionsPerSecond, "F1", "x"));
    }

    private static FigureTable Hunt(string title, SimScenario scenario, int seeds, int perSeed, BenchProgress progress)
    {
        FigureTable table = BugHuntTable.Create($"{title} over {seeds} seeds x {perSeed} schedules (ratio: coyote/kaal)");
        foreach (string strategy in Strategies)
        {
            progress.Next($"{title}, {strategy}");
            SimBenchmark.BugHunt kaal = SimBenchmark.HuntBug(scenario, strategy, seeds, perSeed);
            SimBenchmark.BugHunt coyote = HuntWithCoyote(scenario, strategy, seeds, perSeed);
            BugHuntTable.Add(table, "kaal", kaal);
            BugHuntTable.Add(table, "coyote", coyote);
            BugHuntTable.AddRatio(table, strategy, coyote, kaal);
        }
        return table;
    }

    /// <summary>Coyote's figures for one strategy, measured as <see cref="SimBenchmark.HuntBug"/> measures KaaL's: one
    /// engine run per seed that goes on after bugs, so every schedule counts towards the hit share.</summary>
    private static SimBenchmark.BugHunt HuntWithCoyote(SimScenario scenario, string strategy, int seeds, int perSeed)
    {
        var toFirstBug = new List<double>();
        var millisecondsToFirstBug = new List<double>();
        long buggy = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            var settings = new ExploreSettings(new CoyoteStrategySettings(strategy), Iterations: perSeed, Seed: (ulong)seed * 7919, CheckInvariants: false);
            CoyoteExploreResult found = CoyoteExplorer.Explore(scenario, settings, runToCompletion: true);
            buggy += found.Result.BuggySchedules;
            if (found.Result.Trace is not Trace trace) continue;
            toFirstBug.Add(trace.Iteration + 1);
            millisecondsToFirstBug.Add(found.FirstBugSeconds!.Value * 1000);
        }
        return new SimBenchmark.BugHunt(strategy, (double)buggy / ((long)seeds * perSeed), SimBenchmark.Median(toFirstBug),
            SimBenchmark.Median(millisecondsToFirstBug), seeds - toFirstBug.Count);
    }
}
