using System.Collections.Generic;

namespace Kaal.Sim.Runtime;

/// <summary>How one schedule ended, what was chosen along the way, and a readable account of a failure.</summary>
public sealed record RunResult(RunOutcome Outcome, int Steps, IReadOnlyList<uint> Decisions, string Message, string Report)
{
    public bool IsBug => Outcome is RunOutcome.AssertionFailed or RunOutcome.Deadlock or RunOutcome.ComponentFaulted or RunOutcome.KernelBug
        or RunOutcome.Nondeterministic or RunOutcome.LivenessViolation;
}
