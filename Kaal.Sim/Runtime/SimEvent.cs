namespace Kaal.Sim.Runtime;

/// <summary>
/// One thing a thread did in a step, for timelines: the step, the kind, the thread's name and core, a readable
/// text (the step log's line, without step and name), and for an event caused by another thread (a wake-up, a
/// load of a write made visible early) that thread and the step it acted in (null and -1 otherwise).
/// </summary>
public readonly record struct SimEvent(int Step, SimEventKind Kind, string Thread, int Core, string Text, string? FromThread = null, int FromStep = -1)
{
    /// <summary>The lane of what no thread did: interrupts delivered, held back or repeated.</summary>
    public const string DevicesLane = "devices";
}
