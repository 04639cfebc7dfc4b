namespace Kaal.Sim.Strategies;

/// <summary>
/// Optional for a strategy: the simulation says when the alternative just chosen turned out to do exactly what
/// alternative 0 does (a promise when the thread has nothing it could promise: it runs its operation instead),
/// so the run goes on as under alternative 0. An exhaustive search, having explored alternative 0 first, knows
/// the rest of the run repeats that branch and need not branch under it.
/// </summary>
public interface IVoidAlternativeAware
{
    void LastAlternativeWasVoid();
}
