namespace Kaal.Sdk.Runtime;

/// <summary>What an entry of a component's arguments page hands it (docs/components.md, "Arguments").</summary>
public enum ArgKind : uint
{
    None = 0,
    /// <summary>Cptr: a badged endpoint to the supervisor (also the thread's fault endpoint).</summary>
    Supervisor = 1,
    /// <summary>Name, role (server or client), cptr of the endpoint.</summary>
    Endpoint = 2,
    /// <summary>Name, role (producer or consumer), cptr: the notification to wait on; A: the one to signal;
    /// B: the ring frame's virtual address; C: its size in bytes.</summary>
    Channel = 3,
    /// <summary>A: physical address, B: size in bytes, C: where it is mapped.</summary>
    Device = 4,
    /// <summary>Cptr: the IrqHandler; A: the IRQ number; B: the badge bit its notification delivers with
    /// (the notification is bound to the thread, so it arrives through Recv as well as Wait).</summary>
    Interrupt = 5,
    /// <summary>Cptr: an Untyped; A: its size in bits; B: its physical address.</summary>
    Untyped = 6,
    /// <summary>A: the component registry's virtual address; B: its size in bytes.</summary>
    Registry = 7,
    /// <summary>Cptr: IrqControl, the machine authority (interrupt handlers, shutdown).</summary>
    IrqControl = 8,
    /// <summary>Cptr: a device Untyped; A: its physical address; B: its size in bits.</summary>
    DeviceUntyped = 9,
    /// <summary>Cptr: the component's own CNode; A: its radix (CNode operations use depth = radix).</summary>
    OwnCNode = 10,
    /// <summary>Cptr: the notification bound to the component's thread (interrupts and timeouts arrive on it).</summary>
    BoundNotification = 11,
    /// <summary>For the timer service: Cptr: the supervisor's notification (Write) to signal when the deadline
    /// in the wake page passes; B: the wake page's virtual address.</summary>
    SupervisorWake = 12,
    /// <summary>Name: the binary (the manifest's `binary`) the component runs. An image that holds several binaries
    /// (the EL0 busybox, docs/el0-components.md) starts the one named here.</summary>
    Binary = 13,
    /// <summary>`process:reload:NAME`: Name: the component it may have replaced; Cptr: an endpoint to system_init's
    /// loader whose badge names that component (docs/hot-reload.md).</summary>
    Loader = 14,
    /// <summary>For a `process:reload` target: its state page (<see cref="StatePage"/>), and what its predecessor handed
    /// over at its quiescent point. Role: the state's version (0: none was handed over); A: the page's virtual address;
    /// B: the blob's length in bytes.</summary>
    HandedState = 15,
    /// <summary>For system_init, and from it the fs service: the read-only image store (component images by path).
    /// A: its virtual address; B: its size in bytes.</summary>
    ImageStore = 16,
    /// <summary>For the fs service: the page system_init's loader asks it through (A: its virtual address) and a
    /// notification (Cptr, Write) to signal system_init with when the answer is in it (docs/hot-reload.md).</summary>
    LoaderWindow = 17,
}
