using System;
using System.Diagnostics;
using Kaal.Cli.Rendering;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Cli.Benchmarks;

/// <summary>
/// What the explorer's default fair phase costs and buys (`kaal bench fairness`): for every built-in scenario and each
/// strategy that can starve a thread, run the same seeds with the strategy alone and wrapped in fair:N (N =
/// max-steps/10, as the explorer does), and compare schedules/s, decisions per schedule, the share of buggy schedules,
/// the share that reached the step limit, and the seeds that found no bug. Invariant checking is off (engine figures).
/// </summary>
internal static class FairnessBenchmark
{
    public static readonly string[] Strategies = { "pct:3", "pct:10", "delay-bounding:10", "portfolio" };

    public sealed record Row(double SchedulesPerSecond, double DecisionsPerSchedule, double BugShare, double StepLimitShare, int SeedsWithoutBug);

    public static Row Measure(SimScenario scenario, string spec, bool fair, int seeds, int schedulesPerSeed, int maxSteps)
    {
        var simulation = new Simulation(scenario, new SimOptions(maxSteps, CheckInvariants: false));
        long decisions = 0, buggy = 0, stepLimit = 0;
        int seedsWithoutBug = 0;
        var clock = Stopwatch.StartNew();
        for (int seed = 0; seed < seeds; seed++)
        {
            IStrategy strategy = StrategyFactory.Create(fair ? $"fair:{Math.Max(1, maxSteps / 10)}:{spec}" : spec);
            bool found = false;
            for (int iteration = 0; iteration < schedulesPerSeed; iteration++)
            {
                ulong scheduleSeed = DeterministicRandom.ScheduleSeed((ulong)seed * 7919, iteration);
                strategy.BeginSchedule(iteration, scheduleSeed);
                RunResult result = simulation.Run(strategy, scheduleSeed);
                decisions += result.Decisions.Count;
                if (result.IsBug) buggy++;
                if (result.Outcome == RunOutcome.StepLimit) stepLimit++;
                found |= result.IsBug;
            }
            if (!found) seedsWithoutBug++;
        }
        double schedules = (double)seeds * schedulesPerSeed;
        return new Row(schedules / clock.Elapsed.TotalSeconds, decisions / schedules, buggy / schedules, stepLimit / schedules, seedsWithoutBug);
    }

    public static int Measurements => ScenarioCatalog.BuiltIn.Count * Strategies.Length;

    public static FigureTable Measure(int seeds, int schedulesPerSeed, int maxSteps, BenchProgress progress)
    {
        var table = new FigureTable($"fair phase off vs on (fair:{maxSteps / 10}), {seeds} seeds x {schedulesPerSeed} schedules, max steps {maxSteps}, invariants off",
            new FigureColumn("scenario", "scenario", IsFigure: false), new FigureColumn("strategy", "strategy", IsFigure: false),
            new FigureColumn("schedulesPerSecondOff", "schedules/s off"), new FigureColumn("schedulesPerSecondOn", "on"),
            new FigureColumn("decisionsPerScheduleOff", "decisions/schedule off"), new FigureColumn("decisionsPerScheduleOn", "on"),
            new FigureColumn("buggyShareOff", "buggy off"), new FigureColumn("buggyShareOn", "on"),
            new FigureColumn("stepLimitShareOff", "step limit off"), new FigureColumn("stepLimitShareOn", "on"),
            new FigureColumn("seedsWithoutBugOff", "seeds w/o bug off"), new FigureColumn("seedsWithoutBugOn", "on"));
        foreach (SimScenario scenario in ScenarioCatalog.BuiltIn)
        {
            foreach (string spec in Strategies)
            {
                progress.Next($"{scenario.Name}, {spec}");
                Row off = Measure(scenario, spec, fair: false, seeds, schedulesPerSeed, maxSteps);
                Row on = Measure(scenario, spec, fair: true, seeds, schedulesPerSeed, maxSteps);
                table.Add(scenario.Name, spec, FigureCell.Number(off.SchedulesPerSecond, "F0"), FigureCell.Number(on.SchedulesPerSecond, "F0"),
                    FigureCell.Number(off.DecisionsPerSchedule, "F0"), FigureCell.Number(on.DecisionsPerSchedule, "F0"),
                    FigureCell.Number(off.BugShare, "P1"), FigureCell.Number(on.BugShare, "P1"),
                    FigureCell.Number(off.StepLimitShare, "P1"), FigureCell.Number(on.StepLimitShare, "P1"),
                    FigureCell.Number(off.SeedsWithoutBug), FigureCell.Number(on.SeedsWithoutBug));
            }
        }
        return table;
    }
}
