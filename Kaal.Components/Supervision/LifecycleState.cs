namespace Kaal.Components.Supervision;

public enum LifecycleState
{
    NotStarted,
    /// <summary>Spawned; its "ready" has not arrived yet.</summary>
    Starting,
    Running,
    /// <summary>Waiting out its backoff before the next attempt.</summary>
    Restarting,
    /// <summary>Its run returned (and no restart is due).</summary>
    Exited,
    /// <summary>Faulted or failed to spawn, and its restart policy (or limit) allows no more attempts.</summary>
    Failed,
    /// <summary>Never started: a dependency failed.</summary>
    Skipped,
    /// <summary>Torn down at shutdown.</summary>
    Stopped,
}
