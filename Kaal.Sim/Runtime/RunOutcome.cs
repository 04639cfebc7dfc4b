namespace Kaal.Sim.Runtime;

public enum RunOutcome : byte
{
    /// <summary>Every component finished and every check held.</summary>
    Passed = 0,
    /// <summary>A component's own assertion failed.</summary>
    AssertionFailed = 1,
    /// <summary>Nothing can run and not every component finished.</summary>
    Deadlock = 2,
    /// <summary>A component faulted (an access outside its mappings, a bad syscall with no fault handler).</summary>
    ComponentFaulted = 3,
    /// <summary>A kernel invariant checker or kernel assertion failed: a bug in Kaal.Model.</summary>
    KernelBug = 4,
    /// <summary>The schedule reached the step limit without finishing (not a bug by itself).</summary>
    StepLimit = 5,
    /// <summary>Replaying the schedule's decisions did not give the same run: something outside the
    /// simulator's control (a clock, unseeded randomness, state kept between runs) changed the behaviour.</summary>
    Nondeterministic = 6,
    /// <summary>Not an execution the ARMv8 model allows: a promised store was not made as promised (the
    /// simulator guessed ahead and the guess failed). Discarded; not a bug.</summary>
    Infeasible = 7,
    /// <summary>A liveness monitor stayed hot longer than its threshold (or until the step limit): the system
    /// stopped making the progress it promised. The report shows the lasso.</summary>
    LivenessViolation = 8,
    /// <summary>The system shut itself down with a non-zero exit code (a whole system's run: system_init's verdict that
    /// a component failed, or a dependency never started). Every check held, but the system says it did not do its job.</summary>
    SystemFailed = 9,
}
