namespace Kaal.Sim.Runtime;

/// <summary>Per-schedule limits and checks, the memory model (null: the scenario's) and how many stores a run
/// may promise early under the ARMv8 model (each costs a certification replay; 0: no store is ever visible
/// before the thread's earlier accesses).</summary>
public sealed record SimOptions(int MaxSteps = 10_000, bool CheckInvariants = true, MemoryModel? MemoryModel = null, int PromiseBudget = SimOptions.DefaultPromiseBudget)
{
    public const int DefaultPromiseBudget = 1;
}
