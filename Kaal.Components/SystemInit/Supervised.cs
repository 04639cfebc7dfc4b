using Kaal.Sdk.Registry;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.SystemInit;

/// <summary>system_init's record of one component: its lifecycle, its restarts, and the capabilities kept for it
/// across restarts (process untyped, badged supervisor endpoint, device frames, IRQ handlers).</summary>
public sealed class Supervised(RegistryComponent spec)
{
    public RegistryComponent Spec { get; } = spec;

    public LifecycleState State { get; set; } = LifecycleState.NotStarted;

    public uint Restarts { get; set; }

    public uint Faults { get; set; }

    public bool EverRan { get; set; }

    public SpawnedChild? Child { get; set; }

    public ulong ProcessUntyped { get; set; }

    public ulong SupervisorCap { get; set; }

    /// <summary>What it is granted, built once: the objects the grants name outlive restarts.</summary>
    public ComponentGrants? Grants { get; set; }

    /// <summary>The supervisor badge: the registry index + 1 (0 is "no badge").</summary>
    public ulong Badge => (ulong)Spec.Index + 1;

    public bool IsSettled => State is LifecycleState.Running or LifecycleState.Exited or LifecycleState.Failed or LifecycleState.Skipped;
}
