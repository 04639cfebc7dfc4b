namespace Kaal.Model;

public enum ThreadState : byte
{
    /// <summary>Created or suspended: never scheduled until resumed.</summary>
    Inactive = 0,
    /// <summary>The current thread of its core.</summary>
    Running = 1,
    /// <summary>Runnable, in its core's ready queue.</summary>
    Ready = 2,
    BlockedOnSend = 3,
    BlockedOnReceive = 4,
    BlockedOnReply = 5,
    BlockedOnNotification = 6,
    /// <summary>Faulted with no fault endpoint: stays off the CPU until restarted by its supervisor.</summary>
    Faulted = 7,
    /// <summary>A core's idle thread: runs when nothing else may.</summary>
    Idle = 8,
}

/// <summary>
/// A thread-table entry: everything of a TCB except its registers (kept in flat arrays beside the
/// table so that a context switch on AArch64 copies one contiguous block).
/// </summary>
public struct ThreadEntry
{
    public const uint None = uint.MaxValue;

    public ObjectRef Tcb;
    public ThreadState State;
    public byte Priority;
    public byte MaxControlledPriority;
    /// <summary>The core this thread runs on (affinity).</summary>
    public byte Core;
    public uint TimesliceLeftTicks;
    public Capability CSpaceRoot;
    public Capability VSpaceRoot;
    /// <summary>The IPC buffer frame and its address in the thread's VSpace; none when the frame is stale.</summary>
    public ObjectRef IpcBufferFrame;
    public ulong IpcBufferVirtAddr;
    public ObjectRef BoundNotification;
    /// <summary>Where faults go: a capability address in the thread's own CSpace, looked up at fault time
    /// (seL4 non-MCS); 0 means none.</summary>
    public ulong FaultEndpointCptr;

    /// <summary>Ready-queue links (per core and priority).</summary>
    public uint ReadyNext;
    public uint ReadyPrev;
    /// <summary>Wait-queue links on the endpoint or notification in <see cref="BlockedOn"/>.</summary>
    public uint WaitNext;
    public uint WaitPrev;
    public ObjectRef BlockedOn;

    /// <summary>While blocked on send: what the rendezvous delivers.</summary>
    public ulong SendBadge;
    public bool SendCanGrant;
    public bool SendCanGrantReply;
    public bool SendIsCall;
    /// <summary>While blocked on receive: the endpoint capability it receives with has Grant, which (as in
    /// seL4) decides whether the reply to a Call it receives may carry capabilities.</summary>
    public bool ReceiveCanGrant;
    /// <summary>A fault message is waiting to be delivered (blocked on send) or answered (blocked on reply).</summary>
    public bool FaultPending;
    public FaultInfo Fault;
    /// <summary>Bumped when the entry is reused, so a kept thread index is detectably stale.</summary>
    public uint Generation;
    public uint NextFree;
}
