using Xunit;
using static Kaal.Model.Tests.Syscalls.SyscallRig;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// The decode audit of docs/capabilities.md says each invocation makes seL4's checks in seL4's order, so the first
/// failing check decides the error. The other syscall tests pin each check alone; these pin the order: every call
/// here breaks two checks, and the earlier one (in seL4's decode function, named on each test) must be reported.
/// Each fails if the earlier check is removed or moved after the later one.
/// </summary>
public sealed class DecodeOrderTests
{
    private const ulong EmptySlot = 63;
    private const ulong SmallUntyped = 16;
    private const ulong IrqControl = BootInfo.IrqControlSlot;
    private const ulong RootTcb = BootInfo.InitialThreadSlot;
    private const ulong R = (ulong)CapRights.Read, W = (ulong)CapRights.Write, G = (ulong)CapRights.Grant;
    private const ulong All = (ulong)CapRights.All;
    private static readonly Err MissingRight = new(KernelError.InvalidCapability, ErrorReason.MissingRight);
    private static readonly Err Occupied = new(KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
    private static Err Range(ErrorReason reason, ulong min, ulong max) => new(KernelError.RangeError, reason, Min: min, Max: max);

    /// <summary>SEND: the endpoint capability's Write (handleInvocation) comes before the extra capabilities
    /// (lookupExtraCaps), which without an IPC buffer are NoIpcBuffer.</summary>
    [Theory]
    [InlineData(Syscall.Send)]
    [InlineData(Syscall.NBSend)]
    [InlineData(Syscall.Call)]
    public void Send_checks_Write_before_the_extra_capabilities(Syscall number)
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapCopy, Root, F + 1, D, Root, F, D, R | G);
        r.Fails(MissingRight, number, F + 1, MessageInfo.Make(1, 0, 1, 0));
    }

    /// <summary>REPLY_RECV: Read on the endpoint is checked before the reply is sent, so a failing REPLY_RECV keeps
    /// the reply capability and its caller keeps waiting (seL4 reaches handleRecv's check after handleReply; here the
    /// error changes nothing, docs/abi.md).</summary>
    [Fact]
    public void ReplyRecv_checks_Read_before_it_replies()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapCopy, Root, F + 1, D, Root, F, D, W | G);
        uint caller = r.Spawn(F + 10, 100);
        r.Sys(Syscall.Recv, F);
        r.Sys(Syscall.Call, F, MessageInfo.Make(1, 1, 0, 0), 111);
        Assert.Equal(caller, r.K.CallerOf(r.RootThread));
        r.Fails(MissingRight, Syscall.ReplyRecv, F + 1, MessageInfo.Make(0, 1, 0, 0), 222);
        Assert.Equal(caller, r.K.CallerOf(r.RootThread));
        Assert.Equal(ThreadState.BlockedOnReply, r.State(caller));
    }

    /// <summary>COPY, MINT, MOVE, MUTATE (decodeCNodeInvocation): ensureEmptySlot on the destination comes before
    /// lookupSourceSlot and the empty-source check.</summary>
    [Theory]
    [InlineData(Syscall.CapCopy)]
    [InlineData(Syscall.CapMint)]
    [InlineData(Syscall.CapMove)]
    [InlineData(Syscall.CapMutate)]
    public void CNode_operations_check_the_destination_before_the_source(Syscall number)
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Fails(Occupied, number, Root, F, D, Root, EmptySlot, D, All, 0);
        r.Fails(Occupied, number, Root, F, D, Root, 1UL << 63, D, All, 0);
    }

    /// <summary>ROTATE (decodeCNodeInvocation): the source is looked up before the pivot (lookupSourceSlot, then
    /// lookupPivotSlot), and both before the alias check. Kaal.Model looked the pivot up first until the audit.</summary>
    [Fact]
    public void Rotate_looks_up_the_source_before_the_pivot()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        ulong bad = 1UL << 63;
        var sourceFault = new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, 0, true, LookupFaultKind.GuardMismatch, 64);
        r.Fails(sourceFault, Syscall.CapRotate, Root, D, F + 1, 0, bad, 0, bad);
        r.Fails(sourceFault, Syscall.CapRotate, Root, D, F + 1, 0, F + 1, 0, bad);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, 0, false, LookupFaultKind.GuardMismatch, 64),
            Syscall.CapRotate, Root, D, F, 0, bad, 0, F);
    }

    /// <summary>MINT (decodeCNodeInvocation): the empty-source check comes before updateCapData and deriveCap.</summary>
    [Fact]
    public void Mint_checks_the_source_before_the_badge()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapMint, Root, F + 1, D, Root, F, D, All, 7);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.SourceSlotEmpty, 0, true, LookupFaultKind.MissingCapability, 64),
            Syscall.CapMint, Root, F + 2, D, Root, EmptySlot, D, All, 8);
    }

    /// <summary>RETYPE (decodeUntypedInvocation), each pair of neighbouring checks: object type, size, destination
    /// CNode lookup, offset, count, window, empty destination slots, memory left, device memory.</summary>
    [Fact]
    public void Retype_checks_in_seL4s_order()
    {
        var r = new SyscallRig();
        ulong u = r.Untyped;
        r.Create(ObjectType.Endpoint, F);
        ulong endpoint = (ulong)ObjectType.Endpoint;
        var unknownType = new Err(KernelError.InvalidArgument, ErrorReason.InvalidObjectType, 0);
        r.Fails(unknownType, Syscall.Retype, u, 255, 1000, Root, 0, 0, F, 0);
        // The destination CNode is a node index and depth under x3 (x3 itself is a capability argument, looked up and
        // type-checked first like every other: the audit's common rule).
        var notCNode = new Err(KernelError.FailedLookup, ErrorReason.DestinationNotCNode, Lookup: LookupFaultKind.MissingCapability, BitsLeft: 64);
        r.Fails(Range(ErrorReason.ObjectSizeOutOfRange, 0, 47), Syscall.Retype, u, (ulong)ObjectType.Untyped, 48, Root, F, D, 0, 0);
        r.Fails(notCNode, Syscall.Retype, u, endpoint, 0, Root, F, D, 64, 0);
        r.Fails(Range(ErrorReason.DestinationOffsetOutOfRange, 0, 63), Syscall.Retype, u, endpoint, 0, Root, 0, 0, 64, 0);
        r.Fails(Range(ErrorReason.FanOutOutOfRange, 1, 256), Syscall.Retype, u, endpoint, 0, Root, 0, 0, 63, 0);
        r.Fails(Range(ErrorReason.DestinationWindowOutOfRange, 1, 1), Syscall.Retype, u, endpoint, 0, Root, 0, 0, 63, 2);
        r.Fails(Occupied, Syscall.Retype, SmallUntyped, (ulong)ObjectType.Tcb, 0, Root, 0, 0, F, 2);
        r.Fails(new Err(KernelError.NotEnoughMemory, ErrorReason.UntypedExhausted, Max: 2048), Syscall.Retype, SmallUntyped, (ulong)ObjectType.Tcb, 0, Root, 0, 0, F + 1, 2);
    }

    /// <summary>TCB_CONFIGURE (decodeTCBConfigure): the CSpace root is checked before the VSpace root.</summary>
    [Fact]
    public void TcbConfigure_checks_the_CSpace_root_before_the_VSpace_root()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Tcb, F);
        r.Create(ObjectType.Endpoint, F + 1);
        r.Fails(new Err(KernelError.InvalidCapability, ErrorReason.WrongCapabilityType, 2), Syscall.TcbConfigure, F, 0, F + 1, F + 1, 0, 0);
    }

    /// <summary>TCB_BIND_NOTIFICATION (decodeBindNotification): Read on the notification comes before the waiters
    /// check and the other-thread check.</summary>
    [Fact]
    public void Bind_checks_Read_before_the_notifications_state()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        r.Create(ObjectType.Tcb, F + 1);
        r.Ok(Syscall.TcbBindNotification, F + 1, F);
        r.Ok(Syscall.CapCopy, Root, F + 2, D, Root, F, D, W);
        r.Fails(new Err(KernelError.IllegalOperation, ErrorReason.MissingRight), Syscall.TcbBindNotification, RootTcb, F + 2);
    }

    /// <summary>IRQ_HANDLER_GET (Arch_decodeIRQControlInvocation): the line's range, then whether it is free, come
    /// before the destination slot's lookup and emptiness.</summary>
    [Fact]
    public void IrqHandlerGet_checks_the_line_before_the_destination()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.IrqHandlerGet, IrqControl, 5, Root, F, D);
        r.Fails(Range(ErrorReason.IrqOutOfRange, 0, 63), Syscall.IrqHandlerGet, IrqControl, 64, Root, F, D);
        r.Fails(new Err(KernelError.RevokeFirst, ErrorReason.IrqAlreadyHandled), Syscall.IrqHandlerGet, IrqControl, 5, Root, F, D);
    }
}
