using System;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Optional for a strategy: right before every <see cref="IStrategy.Choose"/> the simulation says which enabled
/// threads would run only by preempting another: <c>preempts[i]</c> is true when <c>enabled[i]</c> is ready but not
/// on its core's CPU while the thread on that CPU could go on (CHESS's preemption: a switch the running thread did not
/// ask for by blocking, finishing or yielding). A search bounded in preemptions counts them from this.
/// </summary>
public interface IPreemptionAware
{
    /// <summary>The span is only valid during this call.</summary>
    void ObservePreemptions(ReadOnlySpan<bool> preempts);
}
