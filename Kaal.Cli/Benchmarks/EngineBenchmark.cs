using System;
using System.Collections.Generic;
using Kaal.Cli.Commands;
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

    public static int Run(int schedules, int seeds, int perSeed)
    {
        Throughput("spsc-channel", SimBenchmark.OneCoreChannel, schedules);
        if (System.IO.File.Exists("components.toml"))
        {
            Throughput("default system (components.toml)", SystemScenario.FromFile("components.toml", ComponentSources.BuiltInOnly.Components), Math.Max(5, schedules / 20));
        }
        else
        {
            Console.WriteLine("default system: skipped (run from the repository root, where components.toml is)");
        }
        Hunt("spsc-channel-stale-full", SimBenchmark.StaleFull, seeds, perSeed);
        Hunt("spsc-channel-missing-release-smp (arm)", SimBenchmark.MissingRelease, seeds, perSeed);
        return 0;
    }

    private static void Throughput(string title, SimScenario scenario, int schedules)
    {
        SimBenchmark.Throughput kaal = SimBenchmark.MeasureThroughput(scenario, schedules, 1, scenario.MemoryModel);
        var settings = new ExploreSettings(Iterations: schedules, CheckInvariants: false);
        CoyoteExplorer.Explore(scenario, settings with { Iterations = Math.Max(1, schedules / 10) });
        ExploreResult coyote = CoyoteExplorer.Explore(scenario, settings).Result;
        if (coyote.FirstBug is not null) throw new InvalidOperationException($"benchmark scenario failed under Coyote: {coyote.FirstBug.Message}");
        Console.WriteLine($"{title}, random, {schedules} schedules, 1 worker:");
        Console.WriteLine($"  kaal:   {kaal.SchedulesPerSecond,10:N0} schedules/s {kaal.DecisionsPerSecond,12:N0} decisions/s");
        Console.WriteLine($"  coyote: {coyote.SchedulesPerSecond,10:N0} schedules/s {coyote.DecisionsPerSecond,12:N0} decisions/s");
        Console.WriteLine($"  kaal/coyote: {kaal.SchedulesPerSecond / coyote.SchedulesPerSecond:F1}x schedules/s, {kaal.DecisionsPerSecond / coyote.DecisionsPerSecond:F1}x decisions/s");
    }

    private static void Hunt(string title, SimScenario scenario, int seeds, int perSeed)
    {
        Console.WriteLine($"{title} over {seeds} seeds x {perSeed} schedules (ratio: hit share coyote/kaal; schedules and ms to the 1st bug coyote/kaal):");
        Console.WriteLine($"  {"strategy",-18} {"engine",-7} {"hit share",10} {"median schedules to 1st bug",28} {"median ms to 1st bug",21} {"seeds w/o bug",14}");
        foreach (string strategy in Strategies)
        {
            SimBenchmark.BugHunt kaal = SimBenchmark.HuntBug(scenario, strategy, seeds, perSeed);
            SimBenchmark.BugHunt coyote = HuntWithCoyote(scenario, strategy, seeds, perSeed);
            Row("kaal", kaal);
            Row("coyote", coyote);
            Console.WriteLine($"  {"",-18} {"ratio",-7} {Ratio(coyote.HitShare, kaal.HitShare),10} {Ratio(coyote.MedianSchedulesToFirstBug, kaal.MedianSchedulesToFirstBug),28} " +
                $"{Ratio(coyote.MedianMillisecondsToFirstBug, kaal.MedianMillisecondsToFirstBug),21}");
        }
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
            var settings = new ExploreSettings(strategy, Iterations: perSeed, Seed: (ulong)seed * 7919, CheckInvariants: false);
            CoyoteExploreResult found = CoyoteExplorer.Explore(scenario, settings, runToCompletion: true);
            buggy += found.Result.BuggySchedules;
            if (found.Result.Trace is not Trace trace) continue;
            toFirstBug.Add(trace.Iteration + 1);
            millisecondsToFirstBug.Add(found.FirstBugSeconds!.Value * 1000);
        }
        return new SimBenchmark.BugHunt(strategy, (double)buggy / ((long)seeds * perSeed), SimBenchmark.Median(toFirstBug),
            SimBenchmark.Median(millisecondsToFirstBug), seeds - toFirstBug.Count);
    }

    private static void Row(string engine, SimBenchmark.BugHunt hunt) =>
        Console.WriteLine($"  {hunt.Strategy,-18} {engine,-7} {hunt.HitShare,10:P1} {hunt.MedianSchedulesToFirstBug,28:F1} {hunt.MedianMillisecondsToFirstBug,21:F2} {hunt.SeedsWithoutBug,14}");

    private static string Ratio(double numerator, double denominator) =>
        denominator > 0 && !double.IsNaN(numerator) && !double.IsNaN(denominator) ? $"{numerator / denominator:F2}x" : "-";
}
