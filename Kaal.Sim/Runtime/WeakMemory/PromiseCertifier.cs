using System.Collections.Generic;
using Kaal.Sim.Scenarios;

namespace Kaal.Sim.Runtime.WeakMemory;

/// <summary>
/// Finds what a thread may promise (Promising-ARM's certification, restricted to one thread's straight-line
/// memory code): a second simulation of the same scenario replays the run's decisions up to the current step,
/// then runs the thread alone, every load reading the newest write it may, for up to
/// <see cref="LookaheadOperations"/> operations or until its next syscall, and lists the first store to each
/// word after its pending operation. A promise of one of them is checked when the store runs (same value,
/// ordering allows it); a run whose promise fails that check is infeasible and discarded. Components cannot be
/// copied mid-run (they are C# coroutines), hence the replay: it costs one run prefix per promise, which is why
/// a run's promises are budgeted (<see cref="SimOptions.PromiseBudget"/>). Earlier promises of the run are
/// handed over as they were certified, so a replay never certifies again.
/// </summary>
internal sealed class PromiseCertifier(SimScenario scenario, SimOptions options)
{
    public const int LookaheadOperations = 16;

    private Simulation? _shadow;

    public StoreAhead[] StoresAhead(IReadOnlyList<uint> decisions, int prefixLength, IReadOnlyList<StoreAhead[]> certificates, uint thread)
    {
        _shadow ??= new Simulation(scenario, options with { CheckInvariants = false });
        var prefix = new uint[prefixLength];
        for (int index = 0; index < prefixLength; index++) prefix[index] = decisions[index];
        var known = new StoreAhead[certificates.Count][];
        for (int index = 0; index < known.Length; index++) known[index] = certificates[index];
        return _shadow.CertifyStoresAhead(prefix, known, thread, LookaheadOperations);
    }
}
