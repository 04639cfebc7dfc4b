using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Cli.Benchmarks;

/// <summary>
/// Simulator figures: exploration throughput (decisions/s, schedules/s) on spsc-channel with one worker and
/// the speedup with two, and on the two-core channel under sequential consistency and under the ARMv8 model;
/// and per strategy, over many seeds, the share of schedules that hit a bug, the median schedules until the
/// first one, and the median time to it: for spsc-channel-stale-full (a lost wake-up) and for
/// spsc-channel-missing-release-smp (a missing release, only a bug under ARMv8). A decision is every
/// scheduling point, as Coyote counts steps, plus under ARMv8 every memory-model choice. Invariant checking
/// is off: these are engine figures. Also the whole default system (components.toml) with and without swarm faults.
/// </summary>
internal static class SimBenchmark
{
    public static readonly string[] Strategies = { "random", "probabilistic:3", "pct:3", "pct:10", "delay-bounding:3", "portfolio" };

    public static SimScenario OneCoreChannel => new SpscChannelScenario(staleFullCheck: false);

    public static SimScenario TwoCoreChannel => new SpscChannelScenario(staleFullCheck: false, cores: 2);

    public static SimScenario StaleFull => new SpscChannelScenario(staleFullCheck: true);

    public static SimScenario MissingRelease => new SpscChannelScenario(staleFullCheck: false, cores: 2, missingRelease: true);

    /// <summary><see cref="AllocatedBytesPerSchedule"/>: managed bytes allocated by the whole process during the timed run
    /// (every worker), divided by the schedules run. <see cref="CoresUsed"/>: the process's CPU time during the timed run
    /// over its wall time: how many cores the run actually got (on a shared machine 2 workers may get about 1, and then
    /// their scaling says nothing about the explorer).</summary>
    public sealed record Throughput(double DecisionsPerSecond, double SchedulesPerSecond, double InfeasibleShare, double AllocatedBytesPerSchedule = 0,
        double CoresUsed = 0);

    public sealed record BugHunt(string Strategy, double HitShare, double MedianSchedulesToFirstBug, double MedianMillisecondsToFirstBug, int SeedsWithoutBug);

    public static Throughput MeasureThroughput(SimScenario scenario, int schedules, int workers, MemoryModel memoryModel, Kaal.Sim.Faults.FaultSettings? faults = null,
        bool checkInvariants = false)
    {
        var settings = new ExploreSettings(Iterations: schedules, Workers: workers, CheckInvariants: checkInvariants, MemoryModel: memoryModel, Faults: faults);
        Explorer.Explore(scenario, settings with { Iterations = Math.Max(workers, schedules / 10) });
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        ExploreResult result = Explorer.Explore(scenario, settings);
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (result.FirstBug is not null) throw new InvalidOperationException($"benchmark scenario failed: {result.FirstBug.Message}");
        double cores = result.ElapsedSeconds > 0 ? cpu.TotalSeconds / result.ElapsedSeconds : 0;
        return new Throughput(result.DecisionsPerSecond, result.SchedulesPerSecond, (double)result.InfeasibleSchedules / result.Schedules, (double)allocated / result.Schedules, cores);
    }

    public static BugHunt HuntBug(SimScenario scenario, string strategySpec, int seeds, int schedulesPerSeed)
    {
        var simulation = new Simulation(scenario, new SimOptions(CheckInvariants: false));
        var toFirstBug = new List<double>();
        var millisecondsToFirstBug = new List<double>();
        long buggy = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            IStrategy strategy = StrategyFactory.Create(strategySpec);
            var clock = Stopwatch.StartNew();
            bool found = false;
            for (int iteration = 0; iteration < schedulesPerSeed; iteration++)
            {
                if (!strategy.BeginSchedule(iteration, DeterministicRandom.ScheduleSeed((ulong)seed * 7919, iteration))) break;
                if (!simulation.Run(strategy).IsBug) continue;
                buggy++;
                if (found) continue;
                found = true;
                toFirstBug.Add(iteration + 1);
                millisecondsToFirstBug.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return new BugHunt(strategySpec, (double)buggy / ((long)seeds * schedulesPerSeed), Median(toFirstBug), Median(millisecondsToFirstBug), seeds - toFirstBug.Count);
    }

    public static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        double[] sorted = values.OrderBy(value => value).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
