using Kaal.Hil.Protocol;

namespace Kaal.Hil.Differential;

/// <summary>
/// One thing a run was seen to do: a component's line, or system_init's lifecycle line about a component.
/// <paramref name="Subject"/> is the component whose sequence it belongs to: the printer for its own lines, the
/// named component for a lifecycle line (`[system_init] started ipc_consumer` belongs to ipc_consumer), so the
/// order within one subject follows causality (docs/hil.md, "What equal means").
/// </summary>
public sealed record ObservableEvent(string Subject, ComponentLine Line)
{
    public override string ToString() => Line.ToString();
}
