using System.Collections.Generic;

namespace Kaal.Hil.Differential;

/// <summary>The outcome of comparing a simulator run with a QEMU console: equal, or every component that differs,
/// the one that parts first in the simulator's run first.</summary>
public sealed record DifferentialResult(ObservableEventLog Simulator, ObservableEventLog Qemu, IReadOnlyList<SubjectDifference> Differences)
{
    public bool Equal => Differences.Count == 0;

    public SubjectDifference? FirstDifference => Differences.Count > 0 ? Differences[0] : null;

    /// <summary>The QEMU console has fewer events and ends partway through the simulator's, as when the machine
    /// crashed or hung: the report says so before the details.</summary>
    public bool QemuLogEndsEarly => FirstDifference is { QemuEndsHere: true } && Qemu.Events.Count < Simulator.Events.Count;
}
