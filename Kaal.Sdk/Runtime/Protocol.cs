namespace Kaal.Sdk.Runtime;

/// <summary>
/// Message labels of the system's own protocols (docs/components.md, "Protocols"). Every request label is
/// non-zero: a bound notification arrives through Recv with tag 0, and must not be mistaken for a request.
/// Supervisor labels sit above the kernel's fault labels (FaultKind 1..3), which arrive on the same endpoint.
/// </summary>
public static class Protocol
{
    /// <summary>A component finished its init: Call; the supervisor's reply lets it run.</summary>
    public const ulong ReadyLabel = 0x100;
    /// <summary>A component's run returned: Call with MR0 = exit status; never answered (it is torn down).</summary>
    public const ulong ExitLabel = 0x101;
    /// <summary>A component asked to stop (docs/hot-reload.md) reached a quiescent point: Call with MR0 = its handed-over
    /// state's version (0: none), MR1 = the blob's length in bytes, MR2 = its checksum (the blob is in its state page,
    /// <see cref="StatePage"/>); answered only to withdraw a stop request left over from
    /// an earlier replacement (otherwise the component is torn down and replaced).</summary>
    public const ulong QuiescedLabel = 0x102;
    /// <summary>The badge bit system_init signals a component's channel notifications with to ask it to stop: the SDK's
    /// blocking waits and <see cref="ComponentContext.QuiescentPointAsync"/> see it and hand over.</summary>
    public const ulong StopRequestBadge = 1UL << 17;
    /// <summary>Console output: label = ConsoleWriteLabel + byte count (1..32), bytes packed in MR0..MR3.</summary>
    public const ulong ConsoleWriteLabel = 0x200;
    public const int ConsoleBytesPerMessage = 32;
    /// <summary>Timer service: Call with MR0 = microseconds; the reply comes when they have passed.</summary>
    public const ulong SleepLabel = 0x300;
    /// <summary>The badge bit system_init signals timer_driver's notification with: "a backoff deadline is in the wake
    /// page". The driver signals system_init's bound notification when that deadline passes. Signals never block,
    /// so neither side can be stuck behind the other (a supervisor must never wait on a component it supervises).</summary>
    public const ulong TimerWakeBadge = 1UL << 16;
    /// <summary>The badge bit of an `ipc:NAME:writer` end: a client the service lets change what it keeps (the fs service's
    /// writes). Above the registry indexes client badges carry, below the loader's flag (bit 20).</summary>
    public const ulong WriterBadge = 1UL << 19;
    /// <summary>Any service: the request label is not one it knows.</summary>
    public const ulong UnknownRequestLabel = 0xFFF;
}
