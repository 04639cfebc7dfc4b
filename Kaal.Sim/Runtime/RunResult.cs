using System.Collections.Generic;

namespace Kaal.Sim.Runtime;

/// <summary>How one schedule ended, what was chosen along the way, a readable account of a failure, and the step
/// it points at (<see cref="Cause"/>; null when the run passed or nothing singles out a step).
/// <see cref="HotSteps"/>: steps taken while a liveness monitor was hot (each records a state fingerprint, the
/// liveness check's cost).</summary>
public sealed record RunResult(RunOutcome Outcome, int Steps, IReadOnlyList<uint> Decisions, string Message, string Report, RunCause? Cause = null, int HotSteps = 0)
{
    public bool IsBug => Outcome is RunOutcome.AssertionFailed or RunOutcome.Deadlock or RunOutcome.ComponentFaulted or RunOutcome.KernelBug
        or RunOutcome.Nondeterministic or RunOutcome.LivenessViolation or RunOutcome.SystemFailed;

    /// <summary>The step a report and a timeline open at: the cause, else the last step of a buggy run, else -1.</summary>
    public int CauseStep => Cause?.Step ?? (IsBug && Steps > 0 ? Steps - 1 : -1);
}
