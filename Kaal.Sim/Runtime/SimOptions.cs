namespace Kaal.Sim.Runtime;

/// <summary>Per-schedule limits and checks, the memory model (null: the scenario's) and how many stores a run
/// may promise early under the ARMv8 model (each costs a certification replay; 0: no store is ever visible
/// before the thread's earlier accesses).
/// <see cref="Faults"/>: what to inject (docs/faults.md); <see cref="LivenessThresholdSteps"/>: how long a liveness
/// monitor may stay hot (its temperature) before the run is a liveness violation.</summary>
public sealed record SimOptions(int MaxSteps = 10_000, bool CheckInvariants = true, MemoryModel? MemoryModel = null, int PromiseBudget = SimOptions.DefaultPromiseBudget,
    Faults.FaultSettings? Faults = null, int LivenessThresholdSteps = SimOptions.DefaultLivenessThresholdSteps)
{
    public const int DefaultPromiseBudget = 1;
    public const int DefaultLivenessThresholdSteps = 2_000;
}
