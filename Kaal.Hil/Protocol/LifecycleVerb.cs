namespace Kaal.Hil.Protocol;

/// <summary>What system_init says happened to one of its components (docs/components.md, lifecycle lines).</summary>
public enum LifecycleVerb
{
    Spawned,
    Started,
    Exited,
    Faulted,
    Restarting,
    NotRestarting,
    GaveUp,
    Stopped,
    NotStarting,
    SpawnFailed,
}
