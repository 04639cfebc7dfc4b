namespace Kaal.Hil.Differential;

/// <summary>One row of a component's two sequences side by side: an event both runs have, an event one run has and
/// the other lacks (the other side null), or a changed event (both sides, different lines). Indexes are the events'
/// places in the component's own sequences, -1 for a missing side.</summary>
public sealed record AlignedRow(ObservableEvent? Simulator, int SimulatorIndex, ObservableEvent? Qemu, int QemuIndex)
{
    public bool Same => Simulator is not null && Qemu is not null && Simulator.Line == Qemu.Line;
}
