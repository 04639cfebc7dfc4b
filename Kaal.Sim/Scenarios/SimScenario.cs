using Kaal.Sim.Runtime;

namespace Kaal.Sim.Scenarios;

/// <summary>
/// A system to explore: the machine, and a set-up that adds components (each a C# async method against
/// <see cref="Kaal.Sdk.Sys"/>) and hands them capabilities. Components check their own expectations with
/// <c>sys.Assert</c>; the simulator adds deadlock detection and the kernel's invariant checkers.
/// The set-up must be deterministic: it runs again for every schedule.
/// </summary>
public abstract class SimScenario
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public virtual SimConfig Config => new();

    /// <summary>The memory model to explore under unless the explorer is told otherwise (<c>--memory-model</c>).</summary>
    public virtual MemoryModel MemoryModel => MemoryModel.Arm;

    public abstract void Build(WorldBuilder world);
}
