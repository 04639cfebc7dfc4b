namespace Kaal.Sim.Runtime;

/// <summary>What a <see cref="SimEvent"/> records.</summary>
public enum SimEventKind : byte
{
    /// <summary>A component's code runs for the first time.</summary>
    Start,
    /// <summary>A component continues after a syscall that blocked it.</summary>
    Resume,
    /// <summary>The thread takes the CPU from the one running on its core.</summary>
    Preempt,
    Syscall,
    /// <summary>The thread's syscall blocked it (on an endpoint or notification).</summary>
    Block,
    /// <summary>Another thread's syscall (a signal, a message) made this one runnable: an arrow from it.</summary>
    Wake,
    Load,
    Store,
    Barrier,
    /// <summary>Under ARMv8: a store made visible before the thread runs it.</summary>
    Promise,
    Finish,
    /// <summary>The component's own assertion failed.</summary>
    Fail,
    /// <summary>An access outside its mappings.</summary>
    Fault,
    /// <summary>Under ARMv8, after a failure: the thread runs alone to keep its promise.</summary>
    Check,
    /// <summary>A liveness monitor went hot: progress is owed from here.</summary>
    Hot,
    /// <summary>A liveness monitor went cold: the progress arrived.</summary>
    Cold,
    /// <summary>The thread blocked here and never ran again: the step a deadlock formed at (added when the run ends in one).</summary>
    Stuck,
    /// <summary>A device's interrupt was delivered (or held back, or repeated, as an injected fault).</summary>
    Interrupt,
}
