using System;
using Kaal.Sim.Runtime;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Exploration;

/// <summary>What an exploration runs: the strategy (typed: <see cref="StrategySettings"/>; random when none is given), how many schedules, the per-schedule
/// step limit, the base seed, worker threads, an optional wall-clock budget, invariant checking, whether
/// every schedule is replayed and compared step by step (kernel state hashes) to catch uncontrolled
/// nondeterminism, the memory model (null: the scenario's), the promise budget per schedule under ARMv8, and
/// which shard of the iterations to run (null: all), the faults to inject (null: none; docs/faults.md), and whether a
/// strategy that can starve a thread gets a fair phase (<see cref="RunStrategy"/>).</summary>
public sealed record ExploreSettings(
    StrategySettings Strategy = null!,
    int Iterations = 1000,
    int MaxSteps = 10_000,
    ulong Seed = 0,
    int Workers = 1,
    double? TimeBudgetSeconds = null,
    bool CheckInvariants = true,
    bool CheckDeterminism = false,
    MemoryModel? MemoryModel = null,
    int PromiseBudget = SimOptions.DefaultPromiseBudget,
    ShardSpec? Shard = null,
    Faults.FaultSettings? Faults = null,
    bool Fair = true)
{
    /// <summary>The strategy (random when none was given).</summary>
    public StrategySettings Strategy { get; init; } = Strategy ?? new RandomStrategySettings();

    /// <summary>Steps the strategy decides alone before round robin, when the explorer adds the fair phase.</summary>
    public int FairAfterSteps => Math.Max(1, MaxSteps / 10);

    /// <summary>
    /// The strategy the explorer runs: <see cref="Strategy"/>, or with <see cref="Fair"/> (the default) and a strategy
    /// that can starve a thread (every one but random: PCT and delay-bounding keep a spinning thread on the CPU, DFS
    /// tries the lowest thread first), <see cref="FairStrategySettings"/> with N = <see cref="FairAfterSteps"/>, so that a schedule
    /// reaching the step limit is a thread that never stops, not one the strategy never let run.
    /// </summary>
    public StrategySettings RunStrategy => Fair && Strategy.CanStarve ? new FairStrategySettings(FairAfterSteps, Strategy) : Strategy;

    public SimOptions ToSimOptions(bool checkInvariants) => new(MaxSteps, checkInvariants, MemoryModel, PromiseBudget, Faults);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Iterations < 1) throw new ArgumentException($"iterations must be at least 1 (got {Iterations})");
        if (MaxSteps < 1) throw new ArgumentException($"the step limit must be at least 1 (got {MaxSteps})");
        if (Workers < 1) throw new ArgumentException($"workers must be at least 1 (got {Workers})");
        if (PromiseBudget < 0) throw new ArgumentException($"the promise budget must be at least 0 (got {PromiseBudget})");
        StrategySettings strategy = RunStrategy;
        strategy.Create();
        if (strategy.IsSequential && Shard is { IsWhole: false })
        {
            throw new ArgumentException($"strategy '{Strategy}' cannot be sharded: each DFS schedule depends on the ones before it");
        }
    }
}
