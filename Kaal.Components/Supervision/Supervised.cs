using System;
using System.Collections.Generic;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Supervision;

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

    /// <summary>The image it runs: its registry image until a replacement installs another (docs/hot-reload.md).</summary>
    public ArraySegment<byte> Image { get; set; }

    /// <summary>The replacement under way, if any.</summary>
    public Replacement? Replacement { get; set; }

    /// <summary>The version of the state its predecessor handed over, given to the next incarnation spawned (0: none;
    /// none once it is ready). The state itself is in <see cref="StatePage"/>.</summary>
    public uint HandedVersion { get; set; }

    /// <summary>A `process:reload` target's state page as the next incarnation gets it (<see cref="Sdk.Runtime.StatePage"/>):
    /// one page allocated once and reused by every hand-over (the EL0 heap never frees); null for other components.</summary>
    public byte[]? StatePage { get; set; }

    /// <summary>Badged copies of the notifications its channel ends wait on, to signal a stop request with (made once).</summary>
    public List<ulong>? StopSignals { get; set; }

    public bool IsSettled => State is LifecycleState.Running or LifecycleState.Exited or LifecycleState.Failed or LifecycleState.Skipped;
}
