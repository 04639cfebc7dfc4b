using System;
using Kaal.Model;

namespace Kaal.Sdk;

/// <summary>
/// The low-level component API: every syscall of docs/abi.md as an awaitable, plus ordered loads and
/// stores of shared memory. One per thread. Capability arguments are addresses in the thread's CSpace.
/// </summary>
public sealed class Sys
{
    private readonly ISysBackend _backend;

    public Sys(ISysBackend backend, string componentName)
    {
        _backend = backend;
        ComponentName = componentName;
    }

    public string ComponentName { get; }

    public Operation Syscall(Syscall number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0,
        ulong a4 = 0, ulong a5 = 0, ulong a6 = 0, ulong a7 = 0)
    {
        _backend.BeginSyscall(number, a0, a1, a2, a3, a4, a5, a6, a7);
        return new Operation(_backend);
    }

    public Operation Yield() => Syscall(Model.Syscall.Yield);

    public Operation Send(ulong endpoint, ulong info, ulong mr0 = 0, ulong mr1 = 0, ulong mr2 = 0, ulong mr3 = 0) =>
        Syscall(Model.Syscall.Send, endpoint, info, mr0, mr1, mr2, mr3);

    public Operation Recv(ulong endpoint) => Syscall(Model.Syscall.Recv, endpoint);

    public Operation Call(ulong endpoint, ulong info, ulong mr0 = 0, ulong mr1 = 0, ulong mr2 = 0, ulong mr3 = 0) =>
        Syscall(Model.Syscall.Call, endpoint, info, mr0, mr1, mr2, mr3);

    /// <summary>Answers the last Call received (x0 unused; the tag and MRs as for Send).</summary>
    public Operation Reply(ulong info, ulong mr0 = 0, ulong mr1 = 0, ulong mr2 = 0, ulong mr3 = 0) =>
        Syscall(Model.Syscall.Reply, 0, info, mr0, mr1, mr2, mr3);

    public Operation ReplyRecv(ulong endpoint, ulong info, ulong mr0 = 0, ulong mr1 = 0, ulong mr2 = 0, ulong mr3 = 0) =>
        Syscall(Model.Syscall.ReplyRecv, endpoint, info, mr0, mr1, mr2, mr3);

    /// <summary>seL4 CNode_CancelBadgedSends: every thread blocked sending on the endpoint with the badge of the
    /// capability at (<paramref name="index"/>, <paramref name="depth"/>) in CNode <paramref name="cnode"/> stops
    /// waiting (its Send or Call returns InvalidCapability, reason BadgedSendCancelled). The capability must be an
    /// endpoint capability with every right; a server uses it to retire a client's badge (delete or revoke the
    /// badged capabilities, then cancel what was already queued).</summary>
    public Operation CancelBadgedSends(ulong cnode, ulong index, ulong depth) =>
        Syscall(Model.Syscall.CapCancelBadgedSends, cnode, index, depth);

    /// <summary>seL4 CNode_SaveCaller: moves the reply capability of the last Call received into the empty slot at
    /// (<paramref name="index"/>, <paramref name="depth"/>) in CNode <paramref name="cnode"/>, where a Recv does not
    /// delete it. <see cref="Send"/> on that slot answers the caller once; the slot is empty again afterwards, and also
    /// when the caller is suspended or destroyed. Fails with DeleteFirst if the slot is occupied, InvalidCapability
    /// (NoCallerToSave) if there is no reply capability to save.</summary>
    public Operation SaveCaller(ulong cnode, ulong index, ulong depth) =>
        Syscall(Model.Syscall.CapSaveCaller, cnode, index, depth);

    public Operation Signal(ulong notification) => Syscall(Model.Syscall.Signal, notification);

    public Operation Wait(ulong notification) => Syscall(Model.Syscall.Wait, notification);

    public Operation Poll(ulong notification) => Syscall(Model.Syscall.Poll, notification);

    /// <summary>Reads the 64-bit word at <paramref name="virtAddr"/> (8-byte aligned); the value is X1 of the result.</summary>
    public Operation Load(ulong virtAddr, MemoryOrder order = MemoryOrder.Plain)
    {
        _backend.BeginLoad(virtAddr, order);
        return new Operation(_backend);
    }

    public Operation Store(ulong virtAddr, ulong value, MemoryOrder order = MemoryOrder.Plain)
    {
        _backend.BeginStore(virtAddr, value, order);
        return new Operation(_backend);
    }

    /// <summary>Reads a 32-bit device register (a scheduling point: the device is shared with the world).</summary>
    public Operation MmioRead32(ulong virtAddr)
    {
        _backend.BeginMmio(virtAddr, false, 0);
        return new Operation(_backend);
    }

    public Operation MmioWrite32(ulong virtAddr, uint value)
    {
        _backend.BeginMmio(virtAddr, true, value);
        return new Operation(_backend);
    }

    /// <summary>Reads <paramref name="register"/>; the value is X1 of the result.</summary>
    public Operation ReadRegister(SystemRegister register)
    {
        _backend.BeginSystemRegister(register, false, 0);
        return new Operation(_backend);
    }

    public Operation WriteRegister(SystemRegister register, ulong value)
    {
        _backend.BeginSystemRegister(register, true, value);
        return new Operation(_backend);
    }

    /// <summary>Copies bytes out of memory no other thread uses (see <see cref="ISysBackend.ReadPrivate"/>);
    /// an unmapped address is a data abort, as it would be on the machine.</summary>
    public void ReadPrivate(ulong virtAddr, Span<byte> destination)
    {
        if (!_backend.ReadPrivate(virtAddr, destination)) throw new MemoryFaultException(ComponentName, virtAddr, false);
    }

    /// <summary>The bytes mapped read-only at <paramref name="virtAddr"/>, read in place where the machine allows (see
    /// <see cref="ISysBackend.MappedBytes"/>: the page below must be mapped read/write); an unmapped byte is a data abort.</summary>
    public byte[] MappedBytes(ulong virtAddr, int length) =>
        _backend.MappedBytes(virtAddr, length) ?? throw new MemoryFaultException(ComponentName, virtAddr, false);

    public void WritePrivate(ulong virtAddr, ReadOnlySpan<byte> source)
    {
        if (!_backend.WritePrivate(virtAddr, source)) throw new MemoryFaultException(ComponentName, virtAddr, true);
    }

    /// <summary>A memory barrier: DMB ISH (<see cref="BarrierKind.Full"/>), ISHLD or ISHST. A scheduling point
    /// like every shared-memory access.</summary>
    public Operation Barrier(BarrierKind kind = BarrierKind.Full)
    {
        _backend.BeginBarrier(kind);
        return new Operation(_backend);
    }

    /// <summary>Liveness monitor <paramref name="monitor"/> is hot: progress is owed (an item is awaited). The simulator
    /// reports a run in which it stays hot too long, with the repeating part of the schedule.</summary>
    public void Hot(string monitor) => _backend.MarkLiveness(monitor, true);

    /// <summary>The progress arrived: monitor <paramref name="monitor"/> is cold again.</summary>
    public void Cold(string monitor) => _backend.MarkLiveness(monitor, false);

    /// <summary>Gives the object <paramref name="cptr"/> refers to a name for the simulator's reports ("Endpoint 'console'"
    /// instead of "Endpoint #117"); <paramref name="part"/> names one of several objects of one thing ("items-ready").
    /// Free on the CPU: pass strings you already hold.</summary>
    public void Name(ulong cptr, string name, string? part = null) => _backend.NameObject(cptr, name, part);

    /// <summary>A check in component code: a failure is a bug the simulator reports with its trace. For a message with
    /// values in it, write `if (!condition) sys.Fail($"...")`: an interpolated argument would be formatted on every
    /// call, and on the CPU every string stays on a heap that never frees.</summary>
    public void Assert(bool condition, string message)
    {
        if (!condition) Fail(message);
    }

    /// <summary>A check that failed (see <see cref="Assert"/>).</summary>
    public void Fail(string message) => throw new ComponentAssertionException(ComponentName, message);
}
