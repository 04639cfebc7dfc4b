namespace Kaal.Hil.Qmp;

/// <summary>The reply of query-status: QEMU's run state (prelaunch, running, paused, shutdown, internal-error, ...).</summary>
public sealed record QmpStatus(string Status, bool Running);
