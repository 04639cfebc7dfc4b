using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.ExceptionServices;
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
/// A shard (<see cref="ExploreSettings.Shard"/>) runs only its iterations (<see cref="ShardSpec"/>), numbered
/// and seeded as in the whole campaign, and the same rules apply within it.
/// </summary>
public static class Explorer
{
    public static ExploreResult Explore(SimScenario scenario, ExploreSettings settings, IProgress<ExploreProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        settings.Validate();
        bool sequential = settings.RunStrategy.IsSequential;
        ShardSpec shard = settings.Shard ?? ShardSpec.Whole;
        int shardIterations = shard.IterationsOf(settings.Iterations);
        var records = new ScheduleRecord[shardIterations];
        var shared = new SharedState(shardIterations);
        var clock = Stopwatch.StartNew();
        int workers = sequential ? 1 : Math.Min(settings.Workers, shardIterations);
        var results = new WorkerResult[workers];
        if (workers > 0)
        {
            int lengthEstimateSteps = CalibrateScheduleLength(scenario, settings);
            var threads = new Thread[workers];
            for (int worker = 0; worker < workers; worker++)
            {
                int index = worker;
                threads[worker] = new Thread(() => results[index] = GuardWorker(() => RunWorker(scenario, settings, shard, lengthEstimateSteps, index, workers, shared, records, clock, progress, cancellation)))
                {
                    IsBackground = true,
                    Name = $"kaal-explore-{worker}",
                };
                // Without the caller's execution context (a test host's or a CLI's async locals): every component
                // await captures the current context into its state machine, and a non-default one makes each resume
                // restore it. Nothing a component runs may depend on it (a run is its decisions).
                using (ExecutionContext.SuppressFlow()) threads[worker].Start();
            }
            foreach (Thread thread in threads) thread.Join();
            foreach (WorkerResult result in results) result.Error?.Throw();
        }
        return Combine(scenario, settings, results, records, shared, clock.Elapsed.TotalSeconds);
    }

    private sealed class SharedState(int iterations)
    {
        /// <summary>The shard-local number of the lowest buggy schedule found so far.</summary>
        public int FirstBugLocal = iterations;
        public long Decisions;
        public int Schedules;
        public int Bugs;
        public bool Exhausted;
        public bool TimeBudgetHit;
    }

    /// <summary>What one schedule contributed, by shard-local number (each is written by one worker only).</summary>
    private struct ScheduleRecord
    {
        public bool Ran;
        public bool Infeasible;
        public bool StepLimit;
        public int HotSteps;
        public int Decisions;
        public ulong Digest;
    }

    private sealed record WorkerResult(int BugLocal, RunResult? Bug, int BugIteration, ulong BugSeed, string BugStrategy, CoverageClaim? Coverage,
        ExceptionDispatchInfo? Error = null);

    /// <summary>A worker that could not go on (a scenario that cannot be set up, an authoring error in a component)
    /// hands its exception to <see cref="Explore"/>, which rethrows it on the caller's thread.</summary>
    private static WorkerResult GuardWorker(Func<WorkerResult> run)
    {
        try
        {
            return run();
        }
        catch (Exception error)
        {
            return new WorkerResult(int.MaxValue, null, 0, 0, "", null, ExceptionDispatchInfo.Capture(error));
        }
    }

    /// <summary>
    /// k for strategies that spread preemptions over a schedule: the length of the schedule with no
    /// preemption at all, which is the same for every run of the scenario, so every worker's strategies
    /// agree on it (an adaptive k would make schedule i depend on which schedules a worker ran before).
    /// </summary>
    private static int CalibrateScheduleLength(SimScenario scenario, ExploreSettings settings)
    {
        var probe = new DelayBoundingStrategy(maxDelays: 0, lengthEstimateSteps: 1);
        probe.BeginSchedule(0, 0);
        RunResult result = new Simulation(scenario, settings.ToSimOptions(checkInvariants: false)).Run(probe);
        return Math.Max(1, result.Steps);
    }

    private static WorkerResult RunWorker(SimScenario scenario, ExploreSettings settings, ShardSpec shard, int lengthEstimateSteps, int worker, int workers,
        SharedState shared, ScheduleRecord[] records, Stopwatch clock, IProgress<ExploreProgress>? progress, CancellationToken cancellation)
    {
        IStrategy strategy = settings.RunStrategy.Create(lengthEstimateSteps);
        SimOptions options = settings.ToSimOptions(settings.CheckInvariants);
        var simulation = new Simulation(scenario, options, recordStateHashes: settings.CheckDeterminism);
        Simulation? checker = settings.CheckDeterminism ? new Simulation(scenario, options, recordStateHashes: true) : null;
        for (int local = worker; local < records.Length; local += workers)
        {
            if (local > Volatile.Read(ref shared.FirstBugLocal) || cancellation.IsCancellationRequested) break;
            if (settings.TimeBudgetSeconds is double budget && clock.Elapsed.TotalSeconds > budget)
            {
                shared.TimeBudgetHit = true;
                break;
            }
            int iteration = (int)shard.Global(local);
            ulong seed = DeterministicRandom.ScheduleSeed(settings.Seed, iteration);
            if (!strategy.BeginSchedule(iteration, seed))
            {
                shared.Exhausted = true;
                break;
            }
            RunResult result = simulation.Run(strategy, seed);
            if (checker is not null && !result.IsBug) result = CompareWithReplay(simulation, result, checker, seed);
            records[local] = new ScheduleRecord
            {
                Ran = true,
                Infeasible = result.Outcome == RunOutcome.Infeasible,
                StepLimit = result.Outcome == RunOutcome.StepLimit,
                HotSteps = result.HotSteps,
                Decisions = result.Decisions.Count,
                Digest = CoverageDigest.Of(iteration, result.Decisions),
            };
            Interlocked.Add(ref shared.Decisions, result.Decisions.Count);
            int schedules = Interlocked.Increment(ref shared.Schedules);
            if (result.IsBug)
            {
                Interlocked.Increment(ref shared.Bugs);
                int current;
                while (local < (current = Volatile.Read(ref shared.FirstBugLocal)))
                {
                    if (Interlocked.CompareExchange(ref shared.FirstBugLocal, local, current) == current) break;
                }
                return new WorkerResult(local, result, iteration, seed, strategy.Name, (strategy as ICoverageClaiming)?.Coverage);
            }
            if (progress is not null && (schedules & 63) == 0)
            {
                progress.Report(new ExploreProgress(schedules, Interlocked.Read(ref shared.Decisions), Volatile.Read(ref shared.Bugs), clock.Elapsed.TotalSeconds));
            }
        }
        return new WorkerResult(int.MaxValue, null, 0, 0, strategy.Name, (strategy as ICoverageClaiming)?.Coverage);
    }

    /// <summary>Replays a schedule's decisions and compares the kernel state after every step.</summary>
    private static RunResult CompareWithReplay(Simulation original, RunResult result, Simulation checker, ulong seed)
    {
        ulong[] expected = original.StateHashes.ToArray();
        string? difference = null;
        try
        {
            RunResult again = checker.Run(new ReplayStrategy(result.Decisions), seed);
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

    private static ExploreResult Combine(SimScenario scenario, ExploreSettings settings, WorkerResult[] results, ScheduleRecord[] records,
        SharedState shared, double seconds)
    {
        WorkerResult? best = null;
        foreach (WorkerResult result in results)
        {
            if (result.Bug is not null && (best is null || result.BugLocal < best.BugLocal)) best = result;
        }
        int limit = best is null ? records.Length : best.BugLocal + 1;
        int schedules = 0, infeasible = 0, stepLimit = 0;
        long hotSteps = 0;
        long decisions = 0;
        ulong digest = 0;
        for (int local = 0; local < limit; local++)
        {
            if (!records[local].Ran) continue;
            schedules++;
            decisions += records[local].Decisions;
            digest += records[local].Digest;
            if (records[local].Infeasible) infeasible++;
            if (records[local].StepLimit) stepLimit++;
            hotSteps += records[local].HotSteps;
        }
        CoverageClaim? claim = results.Length == 1 ? results[0].Coverage : null;
        bool exhausted = shared.Exhausted && claim is { NothingCut: true } && stepLimit == 0;
        string? coverage = claim?.Statement(schedules, stepLimit, settings.MaxSteps);
        if (best is null)
        {
            return new ExploreResult(schedules, decisions, 0, null, null, exhausted, shared.TimeBudgetHit, seconds, infeasible, digest, stepLimit, coverage, hotSteps);
        }
        RunResult bug = best.Bug!;
        var trace = new Trace(scenario.Name, best.BugStrategy, settings.Seed, best.BugIteration, best.BugSeed, settings.MaxSteps,
            settings.CheckInvariants, bug.Decisions, bug.Outcome.ToString(), bug.Message,
            settings.MemoryModel ?? scenario.MemoryModel, settings.PromiseBudget, settings.Faults?.Spec ?? "");
        return new ExploreResult(schedules, decisions, 1, bug, trace, false, shared.TimeBudgetHit, seconds, infeasible, digest, stepLimit, null, hotSteps);
    }
}
