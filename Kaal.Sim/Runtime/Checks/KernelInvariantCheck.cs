using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>The kernel's own invariants (capabilities, then scheduler), checked between steps when the options ask
/// for it (every <see cref="Scenarios.SimScenario.InvariantCheckIntervalSteps"/> steps, and at a run's end).</summary>
internal sealed class KernelInvariantCheck(SimState state)
{
    /// <summary>The first broken invariant in words, or null.</summary>
    public string? Check()
    {
        InvariantViolation capabilities = state.Kernel.CheckInvariants();
        if (!capabilities.IsNone) return $"kernel capability invariant broken: {capabilities.Kind} at {capabilities.Slot}/{capabilities.Other}";
        InvariantViolation scheduler = state.Kernel.CheckSchedulerInvariants();
        return scheduler.IsNone ? null : $"kernel scheduler invariant broken: {scheduler.Kind} at {scheduler.Slot}/{scheduler.Other}";
    }
}
