namespace Kaal.Sim.Exploration;

/// <summary>What an exploration runs: the strategy (see StrategyFactory), how many schedules, the per-schedule
/// step limit, the base seed, worker threads, an optional wall-clock budget, invariant checking, and whether
/// every schedule is replayed and compared step by step (kernel state hashes) to catch uncontrolled
/// nondeterminism.</summary>
public sealed record ExploreSettings(
    string Strategy = "random",
    int Iterations = 1000,
    int MaxSteps = 10_000,
    ulong Seed = 0,
    int Workers = 1,
    double? TimeBudgetSeconds = null,
    bool CheckInvariants = true,
    bool CheckDeterminism = false);
