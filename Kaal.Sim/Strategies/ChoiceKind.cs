namespace Kaal.Sim.Strategies;

/// <summary>
/// A choice other than which thread runs next, left open by the machine the simulator models. Alternative 0
/// is always what a sequentially consistent machine would do, so a strategy that always answers 0 explores
/// sequentially consistent runs only.
/// </summary>
public enum ChoiceKind : byte
{
    /// <summary>Which write a load reads: 0 the newest, i the i-th older one the loading core may still see.</summary>
    ReadFrom = 1,
    /// <summary>Whether the chosen thread, instead of running its next operation, promises a store it will make
    /// a few operations later (0 no, 1 yes): how a store becomes visible before earlier accesses.</summary>
    Promise = 2,
    /// <summary>Which of the stores ahead the promise is for (0 the first, in program order).</summary>
    PromiseTarget = 3,
    /// <summary>Fault injection (docs/faults.md): whether the thread chosen for this step crashes instead (1).</summary>
    Crash = 4,
    /// <summary>Whether an asserted, enabled interrupt is held back this step (1).</summary>
    DelayInterrupt = 5,
    /// <summary>Whether a delivered interrupt is delivered a second time (1).</summary>
    DuplicateInterrupt = 6,
    /// <summary>How late the timer fires: alternative i is i × <see cref="Faults.FaultPlan.JitterTicks"/> ticks.</summary>
    TimerJitter = 7,
    /// <summary>Whether a syscall that retypes memory fails with NotEnoughMemory instead (1).</summary>
    RetypeExhaustion = 8,
}
