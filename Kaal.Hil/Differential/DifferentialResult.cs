namespace Kaal.Hil.Differential;

/// <summary>The outcome of comparing a simulator run with a QEMU console: equal, or the first difference.</summary>
public sealed record DifferentialResult(ObservableEventLog Simulator, ObservableEventLog Qemu, SequenceDifference? FirstDifference)
{
    public bool Equal => FirstDifference is null;

    /// <summary>The QEMU console has fewer events and ends partway through the simulator's, as when the machine
    /// crashed or hung: the report says so before the details.</summary>
    public bool QemuLogEndsEarly => FirstDifference is { } difference && difference.Index == difference.Qemu.Count
        && Qemu.Events.Count < Simulator.Events.Count;
}
