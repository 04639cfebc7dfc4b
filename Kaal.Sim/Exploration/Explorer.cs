using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Exploration;

/// <summary>
/// The testing engine: runs schedule after schedule of a scenario under a strategy until a bug, the
/// iteration count or the time budget. Schedule i always gets seed ScheduleSeed(seed, i); with several
/// workers, worker w runs schedules w, w+W, ...; the reported bug is the lowest-numbered one, so results do
/// not depend on the worker count. Each worker owns its simulation: nothing is shared while running.
/// </summary>
public static class Explorer
{
    public static ExploreResult Explore(SimScenario scenario, ExploreSettings settings, IProgress<ExploreProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        if (settings.Iterations < 1) throw new ArgumentException($"iterations must be at least 1 (got {settings.Iterations})");
        if (settings.Workers < 1) throw new ArgumentException($"workers must be at least 1 (got {settings.Workers})");
        bool sequential = StrategyFactory.IsSequential(settings.Strategy);
        int workers = sequential ? 1 : Math.Min(settings.Workers, settings.Iterations);
        int lengthEstimateSteps = CalibrateScheduleLength(scenario, settings);
        var shared = new SharedState(settings.Iterations);
        var clock = Stopwatch.StartNew();
        var threads = new Thread[workers];
        var results = new WorkerResult[workers];
        for (int worker = 0; worker < workers; worker++)
        {
            int index = worker;
            threads[worker] = new Thread(() => results[index] = RunWorker(scenario, settings, lengthEstimateSteps, index, workers, shared, clock, progress, cancellation))
            {
                IsBackground = true,
                Name = $"kaal-explore-{worker}",
            };
            threads[worker].Start();
        }
        foreach (Thread thread in threads) thread.Join();
        return Combine(scenario, settings, results, shared, clock.Elapsed.TotalSeconds);
    }

    private sealed class SharedState(int iterations)
    {
        public int FirstBugIteration = iterations;
        public long Decisions;
        public int Schedules;
        public int Bugs;
        public bool Exhausted;
        public bool TimeBudgetHit;
    }

    private sealed record WorkerResult(int BugIteration, RunResult? Bug, ulong BugSeed, string BugStrategy, long[] DecisionsByIteration);

    /// <summary>
    /// k for strategies that spread preemptions over a schedule: the length of the schedule with no
    /// preemption at all, which is the same for every run of the scenario, so every worker's strategies
    /// agree on it (an adaptive k would make schedule i depend on which schedules a worker ran before).
    /// </summary>
    private static int CalibrateScheduleLength(SimScenario scenario, ExploreSettings settings)
    {
        var probe = new DelayBoundingStrategy(maxDelays: 0, lengthEstimateSteps: 1);
        probe.BeginSchedule(0, 0);
        RunResult result = new Simulation(scenario, new SimOptions(settings.MaxSteps, CheckInvariants: false)).Run(probe);
        return Math.Max(1, result.Decisions.Count);
    }

    private static WorkerResult RunWorker(SimScenario scenario, ExploreSettings settings, int lengthEstimateSteps, int worker, int workers,
        SharedState shared, Stopwatch clock, IProgress<ExploreProgress>? progress, CancellationToken cancellation)
    {
        IStrategy strategy = StrategyFactory.Create(settings.Strategy, lengthEstimateSteps);
        var options = new SimOptions(settings.MaxSteps, settings.CheckInvariants);
        var simulation = new Simulation(scenario, options, recordStateHashes: settings.CheckDeterminism);
        Simulation? checker = settings.CheckDeterminism ? new Simulation(scenario, options, recordStateHashes: true) : null;
        var decisions = new long[settings.Iterations];
        for (int iteration = worker; iteration < settings.Iterations; iteration += workers)
        {
            if (iteration > Volatile.Read(ref shared.FirstBugIteration) || cancellation.IsCancellationRequested) break;
            if (settings.TimeBudgetSeconds is double budget && clock.Elapsed.TotalSeconds > budget)
            {
                shared.TimeBudgetHit = true;
                break;
            }
            ulong seed = DeterministicRandom.ScheduleSeed(settings.Seed, iteration);
            if (!strategy.BeginSchedule(iteration, seed))
            {
                shared.Exhausted = true;
                break;
            }
            RunResult result = simulation.Run(strategy);
            if (checker is not null && !result.IsBug) result = CompareWithReplay(simulation, result, checker);
            decisions[iteration] = result.Decisions.Count;
            Interlocked.Add(ref shared.Decisions, result.Decisions.Count);
            int schedules = Interlocked.Increment(ref shared.Schedules);
            if (result.IsBug)
            {
                Interlocked.Increment(ref shared.Bugs);
                int current;
                while (iteration < (current = Volatile.Read(ref shared.FirstBugIteration)))
                {
                    if (Interlocked.CompareExchange(ref shared.FirstBugIteration, iteration, current) == current) break;
                }
                return new WorkerResult(iteration, result, seed, strategy.Name, decisions);
            }
            if (progress is not null && (schedules & 63) == 0)
            {
                progress.Report(new ExploreProgress(schedules, Interlocked.Read(ref shared.Decisions), Volatile.Read(ref shared.Bugs), clock.Elapsed.TotalSeconds));
            }
        }
        return new WorkerResult(int.MaxValue, null, 0, strategy.Name, decisions);
    }

    /// <summary>Replays a schedule's decisions and compares the kernel state after every step.</summary>
    private static RunResult CompareWithReplay(Simulation original, RunResult result, Simulation checker)
    {
        ulong[] expected = original.StateHashes.ToArray();
        string? difference = null;
        try
        {
            RunResult again = checker.Run(new ReplayStrategy(result.Decisions));
            IReadOnlyList<ulong> actual = checker.StateHashes;
            int step = 0;
            while (step < expected.Length && step < actual.Count && expected[step] == actual[step]) step++;
            if (step < expected.Length || step < actual.Count || again.Outcome != result.Outcome)
            {
                difference = $"replaying the same decisions changed the kernel state at step {step} (outcome {result.Outcome}, replay {again.Outcome})";
            }
        }
        catch (TraceDivergedException diverged)
        {
            difference = $"replaying the same decisions took another path: {diverged.Message}";
        }
        return difference is null ? result : result with
        {
            Outcome = RunOutcome.Nondeterministic,
            Message = $"uncontrolled nondeterminism: {difference}; something outside the simulator (a clock, unseeded randomness, state kept between runs) decides",
        };
    }

    private static ExploreResult Combine(SimScenario scenario, ExploreSettings settings, WorkerResult[] results, SharedState shared, double seconds)
    {
        WorkerResult? best = null;
        foreach (WorkerResult result in results)
        {
            if (result.Bug is not null && (best is null || result.BugIteration < best.BugIteration)) best = result;
        }
        int limit = best is null ? settings.Iterations : best.BugIteration + 1;
        int schedules = 0;
        long decisions = 0;
        foreach (WorkerResult result in results)
        {
            for (int iteration = 0; iteration < limit; iteration++)
            {
                if (result.DecisionsByIteration[iteration] == 0) continue;
                schedules++;
                decisions += result.DecisionsByIteration[iteration];
            }
        }
        if (best is null)
        {
            return new ExploreResult(shared.Schedules, shared.Decisions, 0, null, null, shared.Exhausted, shared.TimeBudgetHit, seconds);
        }
        RunResult bug = best.Bug!;
        var trace = new Trace(scenario.Name, best.BugStrategy, settings.Seed, best.BugIteration, best.BugSeed, settings.MaxSteps,
            settings.CheckInvariants, bug.Decisions, bug.Outcome.ToString(), bug.Message);
        return new ExploreResult(schedules, decisions, 1, bug, trace, shared.Exhausted, shared.TimeBudgetHit, seconds);
    }
}
