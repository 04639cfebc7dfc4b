using Xunit;
using static Kaal.Model.Tests.Syscalls.SyscallRig;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// Every syscall of docs/abi.md (the memory ones and DEBUG_PRINT belong to the VSpace tests) through the
/// dispatcher, register in / register out: success and each error path. Every syscall is followed by both
/// invariant checkers; every failing one must leave the whole kernel state unchanged (see <see cref="SyscallRig.Fails"/>).
/// Boot layout (ScenarioKernel): root CNode radix 6 with a 58-bit zero guard, IrqControl in 4, RAM untyped
/// 16 (2 KiB) .. 24 (512 KiB, the root thread's TCB and VSpace came from it), device untyped 25, 64 IRQ lines.
/// </summary>
public sealed class SyscallDispatcherTests
{
    /// <summary>A cptr whose top bit breaks the root CNode's zero guard: GuardMismatch with 64 bits left.</summary>
    private const ulong BadCptr = 1UL << 63;
    private const ulong EmptySlot = 63;
    private const ulong SmallUntyped = 16;
    private const ulong DeviceUntyped = 25;
    private const ulong IrqControl = BootInfo.IrqControlSlot;
    private const ulong RootTcb = BootInfo.InitialThreadSlot;
    private const ulong RootVSpace = BootInfo.InitialVSpaceSlot;
    private const ulong R = (ulong)CapRights.Read, W = (ulong)CapRights.Write, G = (ulong)CapRights.Grant, GR = (ulong)CapRights.GrantReply;
    private const ulong All = (ulong)CapRights.All;

    private static Err WrongType(int position) => new(KernelError.InvalidCapability, ErrorReason.WrongCapabilityType, position);
    private static Err NullCap(int position) => new(KernelError.InvalidCapability, ErrorReason.NullCapability, position);
    private static Err MissingRight(int position = 0) => new(KernelError.InvalidCapability, ErrorReason.MissingRight, position);
    /// <summary>A capability argument that did not resolve: x2 names the argument register.</summary>
    private static Err GuardFault(int position = 0) =>
        new(KernelError.FailedLookup, ErrorReason.LookupFailed, position, false, LookupFaultKind.GuardMismatch, 64);
    private static Err Range(ErrorReason reason, ulong min, ulong max) => new(KernelError.RangeError, reason, Min: min, Max: max);
    private static Err Illegal(ErrorReason reason) => new(KernelError.IllegalOperation, reason);
    private static readonly Err Occupied = new(KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);

    // ---------------------------------------------------------------- common lookup errors on x0

    /// <summary>Every syscall whose x0 is a capability: a guard mismatch (kind 4, 64 bits left in x2), an empty slot, a wrong type.</summary>
    [Theory]
    [InlineData(Syscall.Send, CapType.Endpoint)]
    [InlineData(Syscall.Call, CapType.Endpoint)]
    [InlineData(Syscall.NBSend, CapType.Endpoint)]
    [InlineData(Syscall.ReplyRecv, CapType.Endpoint)]
    [InlineData(Syscall.Signal, CapType.Notification)]
    [InlineData(Syscall.Wait, CapType.Notification)]
    [InlineData(Syscall.Poll, CapType.Notification)]
    [InlineData(Syscall.MemoryAllocate, CapType.Untyped)]
    [InlineData(Syscall.EndpointCreate, CapType.Untyped)]
    [InlineData(Syscall.NotificationCreate, CapType.Untyped)]
    [InlineData(Syscall.ProcessCreate, CapType.Untyped)]
    [InlineData(Syscall.Retype, CapType.Untyped)]
    [InlineData(Syscall.CapInsertInto, CapType.Tcb)]
    [InlineData(Syscall.CapCopy, CapType.CNode)]
    [InlineData(Syscall.CapMint, CapType.CNode)]
    [InlineData(Syscall.CapMove, CapType.CNode)]
    [InlineData(Syscall.CapMutate, CapType.CNode)]
    [InlineData(Syscall.CapRotate, CapType.CNode)]
    [InlineData(Syscall.CapDelete, CapType.CNode)]
    [InlineData(Syscall.CapRevoke, CapType.CNode)]
    [InlineData(Syscall.TcbConfigure, CapType.Tcb)]
    [InlineData(Syscall.TcbSetPriority, CapType.Tcb)]
    [InlineData(Syscall.TcbSetMaxControlledPriority, CapType.Tcb)]
    [InlineData(Syscall.TcbSuspend, CapType.Tcb)]
    [InlineData(Syscall.TcbResume, CapType.Tcb)]
    [InlineData(Syscall.TcbWriteRegisters, CapType.Tcb)]
    [InlineData(Syscall.TcbBindNotification, CapType.Tcb)]
    [InlineData(Syscall.TcbUnbindNotification, CapType.Tcb)]
    [InlineData(Syscall.TcbSetAffinity, CapType.Tcb)]
    [InlineData(Syscall.IrqHandlerGet, CapType.IrqControl)]
    [InlineData(Syscall.IrqAck, CapType.IrqHandler)]
    [InlineData(Syscall.IrqSetNotification, CapType.IrqHandler)]
    [InlineData(Syscall.Shutdown, CapType.IrqControl)]
    public void First_capability_argument_lookup_null_and_type_errors(Syscall number, CapType wants)
    {
        var r = new SyscallRig();
        // MEMORY_ALLOCATE checks its size argument (x1) first.
        ulong a1 = number == Syscall.MemoryAllocate ? 12UL : 1UL;
        r.Fails(GuardFault(), number, BadCptr, a1, 2, 3, 4, 5, 6, 7);
        r.Fails(NullCap(0), number, EmptySlot, a1, 2, 3, 4, 5, 6, 7);
        // Some other type: the root CNode, or (for CNode operations) IrqControl.
        ulong other = wants == CapType.CNode ? IrqControl : Root;
        r.Fails(WrongType(0), number, other, a1, 2, 3, 4, 5, 6, 7);
    }

    [Fact]
    public void Recv_and_NBRecv_lookup_and_type_errors()
    {
        var r = new SyscallRig();
        r.Fails(GuardFault(), Syscall.Recv, BadCptr);
        r.Fails(GuardFault(), Syscall.NBRecv, BadCptr);
        // Recv takes an endpoint or a notification; anything else is the wrong type, an empty slot a null cap.
        r.Fails(WrongType(0), Syscall.Recv, Root);
        r.Fails(WrongType(0), Syscall.NBRecv, IrqControl);
        r.Fails(NullCap(0), Syscall.Recv, EmptySlot);
    }

    [Fact]
    public void Lookup_through_a_CSpace_without_guard_reports_depth_mismatch_with_bits_left()
    {
        var r = new SyscallRig();
        // A root CNode capability without guard (radix 6 only) as a thread's CSpace root: a cptr whose top
        // 6 bits pick slot 2 (the guarded root capability) leaves 58 bits, fewer than its guard + radix = 64.
        r.Ok(Syscall.CapMint, Root, F, D, Root, Root, D, All, CapData.CNodeGuard(0, 0));
        uint t = r.Spawn(F + 1, 100);
        r.Ok(Syscall.TcbConfigure, F + 1, 0, F, 0, 0, 0);
        r.Ok(Syscall.TcbSuspend, RootTcb);
        Assert.Equal(t, r.Current());
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, 0, false, LookupFaultKind.DepthMismatch, 58), Syscall.Signal, 2UL << 58);
        // Top 6 bits = slot 4 (IrqControl): translation stops there, the capability is IrqControl.
        r.Fails(WrongType(0), Syscall.Signal, 4UL << 58);
    }

    [Fact]
    public void A_thread_whose_CSpace_root_was_revoked_gets_InvalidRoot()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.ProcessCreate, r.Untyped, F, 4, 50);
        uint child = r.K.ThreadOf(r.Cap(F));
        r.Ok(Syscall.TcbResume, F);
        // The TCB's CSpace root is a copy derived from the CNode's original capability: revoking that removes it.
        r.Ok(Syscall.CapRevoke, Root, F + 1, D);
        r.Ok(Syscall.TcbSetPriority, RootTcb, 10);
        Assert.Equal(child, r.Current());
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, Lookup: LookupFaultKind.InvalidRoot), Syscall.Signal, 1);
    }

    // ---------------------------------------------------------------- YIELD

    [Fact]
    public void Yield_alone_keeps_running_and_with_an_equal_peer_round_robins()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.Yield);
        Assert.Equal(r.RootThread, r.Current());
        uint peer = r.Spawn(F, 255);
        Assert.Equal(r.RootThread, r.Current());
        r.Ok(Syscall.Yield);
        Assert.Equal(peer, r.Current());
        Assert.Equal(ThreadState.Ready, r.State(r.RootThread));
        r.Ok(Syscall.Yield);
        Assert.Equal(r.RootThread, r.Current());
    }

    // ---------------------------------------------------------------- SEND / RECV / CALL / REPLY / REPLY_RECV / NB_*

    [Fact]
    public void Send_blocks_until_a_receiver_comes_and_delivers_badge_tag_and_registers()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapMint, Root, F + 1, D, Root, F, D, W, 0x42);
        uint sender = r.Spawn(F + 10, 255);
        r.Ok(Syscall.Yield);
        Assert.Equal(sender, r.Current());
        r.Sys(Syscall.Send, F + 1, MessageInfo.Make(9, 3, 0, 0), 11, 22, 33, 44);
        Assert.Equal(ThreadState.BlockedOnSend, r.State(sender));
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(WaitQueueKind.Senders, r.K.Object(r.Cap(F).Object).QueueKind);
        r.Ok(Syscall.Recv, F);
        uint root = r.RootThread;
        Assert.Equal(0x42UL, r.Reg(root, 1));
        Assert.Equal(MessageInfo.Make(9, 3, 0, 0), r.Reg(root, 2));
        Assert.Equal(new ulong[] { 11, 22, 33 }, new[] { r.Reg(root, 3), r.Reg(root, 4), r.Reg(root, 5) });
        Assert.Equal(ThreadState.Ready, r.State(sender));
        Assert.Equal(0UL, r.Reg(sender, 0));
        Assert.Equal(WaitQueueKind.Idle, r.K.Object(r.Cap(F).Object).QueueKind);
    }

    [Fact]
    public void Recv_blocks_and_a_later_send_wakes_the_receiver()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        uint sender = r.Spawn(F + 10, 100);
        r.Sys(Syscall.Recv, F);
        Assert.Equal(ThreadState.BlockedOnReceive, r.State(r.RootThread));
        Assert.Equal(sender, r.Current());
        r.Ok(Syscall.Send, F, MessageInfo.Make(1, 1, 0, 0), 5);
        // The more important receiver runs at once; the sender is ready.
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(ThreadState.Ready, r.State(sender));
        Assert.Equal(0UL, r.Reg(r.RootThread, 0));
        Assert.Equal(5UL, r.Reg(r.RootThread, 3));
    }

    [Fact]
    public void Send_and_Recv_rights()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapCopy, Root, F + 1, D, Root, F, D, R | G);
        r.Ok(Syscall.CapCopy, Root, F + 2, D, Root, F, D, W | G);
        r.Fails(MissingRight(), Syscall.Send, F + 1, 0);
        r.Fails(MissingRight(), Syscall.NBSend, F + 1, 0);
        r.Fails(MissingRight(), Syscall.Call, F + 1, 0);
        r.Fails(MissingRight(), Syscall.Recv, F + 2);
        r.Fails(MissingRight(), Syscall.NBRecv, F + 2);
        r.Fails(MissingRight(), Syscall.ReplyRecv, F + 2);
    }

    [Fact]
    public void Call_needs_Grant_or_GrantReply()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapCopy, Root, F + 1, D, Root, F, D, R | W);
        r.Fails(MissingRight(), Syscall.Call, F + 1, MessageInfo.Make(1, 0, 0, 0));
        Assert.Equal(WaitQueueKind.Idle, r.K.Object(r.Cap(F).Object).QueueKind);
        // GrantReply alone suffices: the caller blocks.
        r.Ok(Syscall.CapCopy, Root, F + 2, D, Root, F, D, W | GR);
        r.Sys(Syscall.Call, F + 2, MessageInfo.Make(1, 0, 0, 0));
        Assert.Equal(ThreadState.BlockedOnSend, r.State(r.RootThread));
    }

    [Fact]
    public void Call_Reply_and_ReplyRecv_round_trip()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapMint, Root, F + 1, D, Root, F, D, W | G, 0x77);
        uint client = r.Spawn(F + 10, 100);
        uint root = r.RootThread;
        r.Sys(Syscall.Recv, F);
        Assert.Equal(client, r.Current());
        r.Sys(Syscall.Call, F + 1, MessageInfo.Make(3, 2, 0, 0), 1000, 2000);
        Assert.Equal(root, r.Current());
        Assert.Equal(ThreadState.BlockedOnReply, r.State(client));
        Assert.Equal(0x77UL, r.Reg(root, 1));
        Assert.Equal(MessageInfo.Make(3, 2, 0, 0), r.Reg(root, 2));
        Assert.Equal(1000UL, r.Reg(root, 3));
        Assert.Equal(2000UL, r.Reg(root, 4));
        r.Ok(Syscall.Reply, 0, MessageInfo.Make(0, 1, 0, 0), 3000);
        Assert.Equal(ThreadState.Ready, r.State(client));
        Assert.Equal(0UL, r.Reg(client, 0));
        Assert.Equal(MessageInfo.Make(0, 1, 0, 0), r.Reg(client, 2));
        Assert.Equal(3000UL, r.Reg(client, 3));
        // The reply right was one-shot: a second Reply does nothing.
        string before = KernelState.Describe(r.K);
        r.Ok(Syscall.Reply, 0, MessageInfo.Make(0, 1, 0, 0), 4000);
        Assert.Equal(before, KernelState.Describe(r.K));
        Assert.Equal(3000UL, r.Reg(client, 3));

        // ReplyRecv: the server answers and waits in one call.
        r.Sys(Syscall.Recv, F);
        r.Sys(Syscall.Call, F + 1, MessageInfo.Make(4, 1, 0, 0), 5);
        Assert.Equal(root, r.Current());
        r.Sys(Syscall.ReplyRecv, F, MessageInfo.Make(0, 1, 0, 0), 6);
        Assert.Equal(ThreadState.BlockedOnReceive, r.State(root));
        Assert.Equal(client, r.Current());
        Assert.Equal(6UL, r.Reg(client, 3));
    }

    [Fact]
    public void Reply_without_a_caller_does_nothing()
    {
        var r = new SyscallRig();
        string before = KernelState.Describe(r.K);
        r.Ok(Syscall.Reply, 0, MessageInfo.Make(0, 1, 0, 0), 1);
        Assert.Equal(before, KernelState.Describe(r.K));
    }

    [Fact]
    public void NBSend_without_receiver_is_dropped_and_NBRecv_without_sender_returns_empty()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        string before = KernelState.Describe(r.K);
        r.Ok(Syscall.NBSend, F, MessageInfo.Make(1, 1, 0, 0), 9);
        Assert.Equal(before, KernelState.Describe(r.K));
        r.K.Register(r.RootThread, 1) = 0xAAAA;
        r.K.Register(r.RootThread, 2) = 0xBBBB;
        r.Ok(Syscall.NBRecv, F);
        Assert.Equal(0UL, r.Reg(r.RootThread, 1));
        Assert.Equal(0UL, r.Reg(r.RootThread, 2));
        Assert.Equal(before, KernelState.Describe(r.K));
    }

    [Fact]
    public void NBSend_reaches_a_waiting_receiver_and_NBRecv_takes_a_waiting_sender()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        uint peer = r.Spawn(F + 10, 100);
        r.Sys(Syscall.Recv, F);
        Assert.Equal(peer, r.Current());
        r.Ok(Syscall.NBSend, F, MessageInfo.Make(2, 1, 0, 0), 77);
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(77UL, r.Reg(r.RootThread, 3));

        uint sender = r.Spawn(F + 11, 255);
        r.Ok(Syscall.Yield);
        Assert.Equal(sender, r.Current());
        r.Sys(Syscall.Send, F, MessageInfo.Make(5, 1, 0, 0), 88);
        Assert.Equal(r.RootThread, r.Current());
        r.Ok(Syscall.NBRecv, F);
        Assert.Equal(88UL, r.Reg(r.RootThread, 3));
        Assert.Equal(5UL, MessageInfo.Label(r.Reg(r.RootThread, 2)));
        Assert.Equal(ThreadState.Ready, r.State(sender));
    }

    [Fact]
    public void Extra_caps_need_an_IPC_buffer_and_valid_cptrs_in_it()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        ulong withCap = MessageInfo.Make(1, 0, 1, 0);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.NoIpcBuffer), Syscall.Send, F, withCap);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.NoIpcBuffer), Syscall.NBSend, F, withCap);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.NoIpcBuffer), Syscall.Call, F, withCap);
        ulong buffer = r.GiveBuffer(RootTcb, F + 1, 0x10_0400);
        r.WriteBuffer(buffer, IpcBuffer.FirstCapOrBadge, BadCptr);
        r.Fails(GuardFault(1), Syscall.NBSend, F, withCap);
        r.WriteBuffer(buffer, IpcBuffer.FirstCapOrBadge, EmptySlot);
        r.Fails(NullCap(1), Syscall.NBSend, F, withCap);
        // The second extra cap is checked too.
        r.WriteBuffer(buffer, IpcBuffer.FirstCapOrBadge, F);
        r.WriteBuffer(buffer, IpcBuffer.FirstCapOrBadge + 1, BadCptr);
        r.Fails(GuardFault(1), Syscall.NBSend, F, MessageInfo.Make(1, 0, 2, 0));
        r.Ok(Syscall.NBSend, F, withCap);
    }

    /// <summary>Root receives (its IPC buffer names the receive slot); a spawned thread sends.</summary>
    private sealed class TransferSetup
    {
        public readonly SyscallRig R = new();
        public readonly uint Sender;
        public readonly ulong SenderBuffer;
        public readonly ulong ReceiverBuffer;
        public const ulong Endpoint = F, GrantCap = F + 1, NoGrantCap = F + 2, BadgedSameEndpoint = F + 3, Payload = F + 4, ReceiveSlot = F + 20;

        public TransferSetup()
        {
            R.Create(ObjectType.Endpoint, Endpoint);
            R.Ok(Syscall.CapCopy, Root, GrantCap, D, Root, Endpoint, D, W | G);
            R.Ok(Syscall.CapCopy, Root, NoGrantCap, D, Root, Endpoint, D, W | GR);
            R.Ok(Syscall.CapMint, Root, BadgedSameEndpoint, D, Root, Endpoint, D, All, 0x55);
            R.Create(ObjectType.Notification, Payload);
            Sender = R.Spawn(F + 10, 100);
            SenderBuffer = R.GiveBuffer(F + 10, F + 11, 0x30_0400);
            ReceiverBuffer = R.GiveBuffer(RootTcb, F + 12, 0x20_0000);
            R.WriteBuffer(ReceiverBuffer, IpcBuffer.ReceiveCNode, Root);
            R.WriteBuffer(ReceiverBuffer, IpcBuffer.ReceiveIndex, ReceiveSlot);
            R.WriteBuffer(ReceiverBuffer, IpcBuffer.ReceiveDepth, D);
            R.Sys(Syscall.Recv, Endpoint);
            Assert.Equal(Sender, R.Current());
        }

        public ulong RootReg(int register) => R.Reg(R.RootThread, register);
    }

    [Fact]
    public void Send_with_Grant_transfers_the_cap_into_the_receive_slot()
    {
        var t = new TransferSetup();
        t.R.WriteBuffer(t.SenderBuffer, IpcBuffer.FirstCapOrBadge, TransferSetup.Payload);
        t.R.Ok(Syscall.Send, TransferSetup.GrantCap, MessageInfo.Make(5, 1, 1, 0), 123);
        Assert.Equal(t.R.RootThread, t.R.Current());
        ulong tag = t.RootReg(2);
        Assert.Equal(1, MessageInfo.ExtraCaps(tag));
        Assert.Equal(0, MessageInfo.CapsUnwrapped(tag));
        Assert.Equal(5UL, MessageInfo.Label(tag));
        Assert.Equal(123UL, t.RootReg(3));
        Capability arrived = t.R.Cap(TransferSetup.ReceiveSlot);
        Assert.Equal(CapType.Notification, arrived.Type);
        Assert.True(arrived.Object.SameAs(t.R.Cap(TransferSetup.Payload).Object));
        // Derived from the sender's capability: revoking that removes it.
        t.R.Ok(Syscall.CapRevoke, Root, TransferSetup.Payload, D);
        Assert.True(t.R.Cap(TransferSetup.ReceiveSlot).IsNull);
    }

    /// <summary>
    /// As in seL4 (setupCallerCap with the receiver's blocking canGrant), whether a reply may carry
    /// capabilities depends on the SERVER's receive capability having Grant, not on the caller's.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reply_carries_caps_only_if_the_servers_receive_cap_has_Grant(bool serverReceivesWithGrant)
    {
        var r = new SyscallRig();
        const ulong endpoint = F, clientCap = F + 1, serverCap = F + 2, payload = F + 4, clientReceiveSlot = F + 21;
        r.Create(ObjectType.Endpoint, endpoint);
        r.Ok(Syscall.CapCopy, Root, clientCap, D, Root, endpoint, D, W | GR);
        r.Ok(Syscall.CapCopy, Root, serverCap, D, Root, endpoint, D, serverReceivesWithGrant ? R | G : R);
        r.Create(ObjectType.Notification, payload);
        uint client = r.Spawn(F + 10, 100);
        ulong clientBuffer = r.GiveBuffer(F + 10, F + 11, 0x30_0400);
        ulong serverBuffer = r.GiveBuffer(RootTcb, F + 12, 0x20_0000);
        r.WriteBuffer(clientBuffer, IpcBuffer.ReceiveCNode, Root);
        r.WriteBuffer(clientBuffer, IpcBuffer.ReceiveIndex, clientReceiveSlot);
        r.WriteBuffer(clientBuffer, IpcBuffer.ReceiveDepth, D);
        r.Sys(Syscall.Recv, serverCap);
        Assert.Equal(client, r.Current());
        r.Sys(Syscall.Call, clientCap, MessageInfo.Make(1, 0, 0, 0));
        Assert.Equal(r.RootThread, r.Current());
        r.WriteBuffer(serverBuffer, IpcBuffer.FirstCapOrBadge, payload);
        r.Ok(Syscall.Reply, 0, MessageInfo.Make(0, 0, 1, 0));
        r.Ok(Syscall.TcbSuspend, RootTcb);
        Assert.Equal(client, r.Current());
        Assert.Equal(serverReceivesWithGrant ? 1 : 0, MessageInfo.ExtraCaps(r.Reg(client, 2)));
        Assert.Equal(serverReceivesWithGrant ? CapType.Notification : CapType.Null, r.Cap(clientReceiveSlot).Type);
    }

    [Fact]
    public void Send_without_Grant_delivers_the_message_but_no_cap()
    {
        var t = new TransferSetup();
        t.R.WriteBuffer(t.SenderBuffer, IpcBuffer.FirstCapOrBadge, TransferSetup.Payload);
        t.R.Ok(Syscall.Send, TransferSetup.NoGrantCap, MessageInfo.Make(5, 1, 1, 0), 123);
        Assert.Equal(t.R.RootThread, t.R.Current());
        Assert.Equal(0, MessageInfo.ExtraCaps(t.RootReg(2)));
        Assert.Equal(123UL, t.RootReg(3));
        Assert.True(t.R.Cap(TransferSetup.ReceiveSlot).IsNull);
    }

    [Fact]
    public void A_badged_cap_to_the_same_endpoint_is_unwrapped_to_its_badge()
    {
        var t = new TransferSetup();
        t.R.WriteBuffer(t.SenderBuffer, IpcBuffer.FirstCapOrBadge, TransferSetup.BadgedSameEndpoint);
        t.R.Ok(Syscall.Send, TransferSetup.GrantCap, MessageInfo.Make(5, 0, 1, 0));
        ulong tag = t.RootReg(2);
        Assert.Equal(1, MessageInfo.ExtraCaps(tag));
        Assert.Equal(1, MessageInfo.CapsUnwrapped(tag));
        Assert.Equal(0x55UL, t.R.ReadBuffer(t.ReceiverBuffer, IpcBuffer.FirstCapOrBadge));
        Assert.True(t.R.Cap(TransferSetup.ReceiveSlot).IsNull);
    }

    [Fact]
    public void Unwrapped_and_transferred_caps_in_one_message()
    {
        var t = new TransferSetup();
        t.R.WriteBuffer(t.SenderBuffer, IpcBuffer.FirstCapOrBadge, TransferSetup.BadgedSameEndpoint);
        t.R.WriteBuffer(t.SenderBuffer, IpcBuffer.FirstCapOrBadge + 1, TransferSetup.Payload);
        t.R.Ok(Syscall.Send, TransferSetup.GrantCap, MessageInfo.Make(5, 0, 2, 0));
        ulong tag = t.RootReg(2);
        Assert.Equal(2, MessageInfo.ExtraCaps(tag));
        Assert.Equal(1, MessageInfo.CapsUnwrapped(tag));
        Assert.Equal(CapType.Notification, t.R.Cap(TransferSetup.ReceiveSlot).Type);
    }

    [Fact]
    public void Message_registers_beyond_four_travel_in_the_IPC_buffers()
    {
        var t = new TransferSetup();
        t.R.WriteBuffer(t.SenderBuffer, IpcBuffer.FirstMessageWord + 4, 0x4444);
        t.R.WriteBuffer(t.SenderBuffer, IpcBuffer.FirstMessageWord + 5, 0x5555);
        t.R.Ok(Syscall.Send, TransferSetup.GrantCap, MessageInfo.Make(1, 6, 0, 0), 10, 11, 12, 13);
        Assert.Equal(6, MessageInfo.Length(t.RootReg(2)));
        Assert.Equal(13UL, t.RootReg(6));
        Assert.Equal(0x4444UL, t.R.ReadBuffer(t.ReceiverBuffer, IpcBuffer.FirstMessageWord + 4));
        Assert.Equal(0x5555UL, t.R.ReadBuffer(t.ReceiverBuffer, IpcBuffer.FirstMessageWord + 5));
    }

    [Fact]
    public void Without_IPC_buffers_only_the_register_message_travels()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        uint sender = r.Spawn(F + 10, 100);
        r.Sys(Syscall.Recv, F);
        Assert.Equal(sender, r.Current());
        r.Ok(Syscall.Send, F, MessageInfo.Make(1, 9, 0, 0), 1, 2, 3, 4);
        Assert.Equal(4, MessageInfo.Length(r.Reg(r.RootThread, 2)));
    }

    [Fact]
    public void A_bound_notification_wakes_a_thread_blocked_in_Recv_on_an_endpoint()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Create(ObjectType.Notification, F + 1);
        r.Ok(Syscall.CapMint, Root, F + 2, D, Root, F + 1, D, W, 0x8);
        r.Ok(Syscall.TcbBindNotification, RootTcb, F + 1);
        uint signaller = r.Spawn(F + 10, 100);
        r.Sys(Syscall.Recv, F);
        Assert.Equal(signaller, r.Current());
        r.Ok(Syscall.Signal, F + 2);
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(0UL, r.Reg(r.RootThread, 0));
        Assert.Equal(0x8UL, r.Reg(r.RootThread, 1));
        Assert.Equal(0UL, r.Reg(r.RootThread, 2));
        Assert.Equal(WaitQueueKind.Idle, r.K.Object(r.Cap(F).Object).QueueKind);
        // A pending signal is taken by the next Recv on the endpoint at once.
        r.Ok(Syscall.Signal, F + 2);
        r.Ok(Syscall.Recv, F);
        Assert.Equal(0x8UL, r.Reg(r.RootThread, 1));
        Assert.Equal(ThreadState.Running, r.State(r.RootThread));
    }

    [Fact]
    public void Recv_and_Wait_on_a_notification_bound_to_another_thread_are_illegal()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        r.Spawn(F + 10, 100);
        r.Ok(Syscall.TcbBindNotification, F + 10, F);
        r.Fails(Illegal(ErrorReason.NotificationBoundElsewhere), Syscall.Recv, F);
        r.Fails(Illegal(ErrorReason.NotificationBoundElsewhere), Syscall.Wait, F);
        r.Fails(Illegal(ErrorReason.NotificationBoundElsewhere), Syscall.Poll, F);
        r.Fails(Illegal(ErrorReason.NotificationBoundElsewhere), Syscall.NBRecv, F);
    }

    // ---------------------------------------------------------------- SIGNAL / WAIT / POLL

    [Fact]
    public void Signal_ORs_badges_and_Poll_and_Wait_take_the_word()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        r.Ok(Syscall.CapMint, Root, F + 1, D, Root, F, D, W, 0b01);
        r.Ok(Syscall.CapMint, Root, F + 2, D, Root, F, D, W, 0b10);
        r.Ok(Syscall.Poll, F);
        Assert.Equal(0UL, r.Reg(r.RootThread, 1));
        r.Ok(Syscall.Signal, F + 1);
        r.Ok(Syscall.Signal, F + 2);
        r.Ok(Syscall.Wait, F);
        Assert.Equal(0b11UL, r.Reg(r.RootThread, 1));
    }

    [Fact]
    public void Wait_blocks_until_a_signal_and_Recv_on_a_notification_waits_too()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        r.Ok(Syscall.CapMint, Root, F + 1, D, Root, F, D, W, 0x30);
        uint signaller = r.Spawn(F + 10, 100);
        r.Sys(Syscall.Wait, F);
        Assert.Equal(ThreadState.BlockedOnNotification, r.State(r.RootThread));
        Assert.Equal(signaller, r.Current());
        r.Ok(Syscall.Signal, F + 1);
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(0x30UL, r.Reg(r.RootThread, 1));
        r.Sys(Syscall.Recv, F);
        Assert.Equal(ThreadState.BlockedOnNotification, r.State(r.RootThread));
        r.Ok(Syscall.Signal, F + 1);
        Assert.Equal(0x30UL, r.Reg(r.RootThread, 1));
        Assert.Equal(r.RootThread, r.Current());
    }

    [Fact]
    public void Notification_rights()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        r.Ok(Syscall.CapCopy, Root, F + 1, D, Root, F, D, R);
        r.Ok(Syscall.CapCopy, Root, F + 2, D, Root, F, D, W);
        r.Fails(MissingRight(), Syscall.Signal, F + 1);
        r.Fails(MissingRight(), Syscall.Wait, F + 2);
        r.Fails(MissingRight(), Syscall.Poll, F + 2);
        r.Fails(MissingRight(), Syscall.Recv, F + 2);
    }

    // ---------------------------------------------------------------- MEMORY_ALLOCATE, *_CREATE, RETYPE

    [Fact]
    public void MemoryAllocate_returns_the_frame_address_and_checks_size_and_memory()
    {
        var r = new SyscallRig();
        uint root = r.Ok(Syscall.MemoryAllocate, r.Untyped, 12, F);
        Capability frame = r.Cap(F);
        Assert.Equal(CapType.Frame, frame.Type);
        ulong phys = r.K.Object(frame.Object).PhysAddr;
        Assert.Equal(phys, r.Reg(root, 1));
        Assert.Equal(0UL, phys & 0xFFF);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.ObjectSizeOutOfRange, 1), Syscall.MemoryAllocate, r.Untyped, 13, F + 1);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.ObjectSizeOutOfRange, 1), Syscall.MemoryAllocate, r.Untyped, 0, F + 1);
        // 2 MiB does not fit in 1 MiB of RAM: x4 = bytes left.
        ulong left = (1UL << 19) - r.Cap(r.Untyped).FreeIndexBytes;
        r.Fails(new Err(KernelError.NotEnoughMemory, ErrorReason.UntypedExhausted, Max: left), Syscall.MemoryAllocate, r.Untyped, 21, F + 1);
        r.Fails(new Err(KernelError.NotEnoughMemory, ErrorReason.UntypedExhausted, Max: 2048), Syscall.MemoryAllocate, SmallUntyped, 12, F + 1);
        r.Fails(Occupied, Syscall.MemoryAllocate, r.Untyped, 12, F);
        r.Fails(Range(ErrorReason.DestinationOffsetOutOfRange, 0, 63), Syscall.MemoryAllocate, r.Untyped, 12, 64);
        // A device untyped gives device frames.
        r.Ok(Syscall.MemoryAllocate, DeviceUntyped, 12, F + 1);
        Assert.True(r.K.Object(r.Cap(F + 1).Object).IsDevice);
        Assert.Equal(0x0900_0000UL, r.Reg(root, 1));
    }

    [Theory]
    [InlineData(Syscall.EndpointCreate, CapType.Endpoint)]
    [InlineData(Syscall.NotificationCreate, CapType.Notification)]
    public void Create_conveniences_retype_into_a_root_slot(Syscall number, CapType type)
    {
        var r = new SyscallRig();
        r.Ok(number, r.Untyped, F);
        Assert.Equal(type, r.Cap(F).Type);
        Assert.Equal(r.K.RootSlot((uint)r.Untyped), r.K.Slot(r.K.RootSlot(F)).Parent);
        r.Fails(Occupied, number, r.Untyped, F);
        r.Fails(Range(ErrorReason.DestinationOffsetOutOfRange, 0, 63), number, r.Untyped, 64);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.DeviceMemoryNotFrameOrUntyped, 1), number, DeviceUntyped, F + 1);
        r.Fails(WrongType(0), number, F, F + 1);
    }

    [Fact]
    public void Retype_success_and_every_error()
    {
        var r = new SyscallRig();
        ulong u = r.Untyped;
        r.Ok(Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, Root, 0, 0, F, 3);
        for (ulong i = 0; i < 3; i++) Assert.Equal(CapType.Endpoint, r.Cap(F + i).Type);
        r.Ok(Syscall.Retype, u, (ulong)ObjectType.CNode, 2, Root, 0, 0, F + 3, 1);
        // Into a nested CNode: node index F+3 at depth 64, offset 1.
        r.Ok(Syscall.Retype, u, (ulong)ObjectType.Notification, 0, Root, F + 3, D, 1, 1);
        Assert.Equal(CapType.Notification, r.K.Slot(r.K.CNodeSlot(r.Cap(F + 3).Object, 1)).Cap.Type);

        // An unknown object type is InvalidArgument naming argument 0, as seL4's decodeUntypedInvocation.
        var illegalType = new Err(KernelError.InvalidArgument, ErrorReason.InvalidObjectType, 0);
        r.Fails(illegalType, Syscall.Retype, u, 10, 0, Root, 0, 0, F + 4, 1);
        r.Fails(illegalType, Syscall.Retype, u, 255, 0, Root, 0, 0, F + 4, 1);
        r.Fails(illegalType, Syscall.Retype, u, 256, 0, Root, 0, 0, F + 4, 1);
        r.Fails(illegalType, Syscall.Retype, u, ulong.MaxValue, 0, Root, 0, 0, F + 4, 1);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.CNodeRadixZero, 1), Syscall.Retype, u, (ulong)ObjectType.CNode, 0, Root, 0, 0, F + 4, 1);
        r.Fails(Range(ErrorReason.ObjectSizeOutOfRange, 1, 9), Syscall.Retype, u, (ulong)ObjectType.CNode, 10, Root, 0, 0, F + 4, 1);
        r.Fails(Range(ErrorReason.ObjectSizeOutOfRange, 0, 47), Syscall.Retype, u, (ulong)ObjectType.Untyped, 48, Root, 0, 0, F + 4, 1);
        r.Fails(Range(ErrorReason.ObjectSizeOutOfRange, 0, 62), Syscall.Retype, u, (ulong)ObjectType.Untyped, 1000, Root, 0, 0, F + 4, 1);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.UntypedTooSmall, 1), Syscall.Retype, u, (ulong)ObjectType.Untyped, 3, Root, 0, 0, F + 4, 1);
        r.Fails(Range(ErrorReason.FanOutOutOfRange, 1, 256), Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, Root, 0, 0, F + 4, 0);
        r.Fails(Range(ErrorReason.FanOutOutOfRange, 1, 256), Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, Root, 0, 0, F + 4, 257);
        r.Fails(Range(ErrorReason.FanOutOutOfRange, 1, 256), Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, Root, 0, 0, F + 4, 1UL << 40);
        r.Fails(Range(ErrorReason.DestinationOffsetOutOfRange, 0, 63), Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, Root, 0, 0, 64, 1);
        r.Fails(Range(ErrorReason.DestinationWindowOutOfRange, 1, 2), Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, Root, 0, 0, 62, 3);
        r.Fails(Occupied, Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, Root, 0, 0, F + 2, 2);
        r.Fails(new Err(KernelError.NotEnoughMemory, ErrorReason.UntypedExhausted, Max: 2048), Syscall.Retype, SmallUntyped, (ulong)ObjectType.Tcb, 0, Root, 0, 0, F + 4, 2);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.DeviceMemoryNotFrameOrUntyped, 1), Syscall.Retype, DeviceUntyped, (ulong)ObjectType.Endpoint, 0, Root, 0, 0, F + 4, 1);
        // x3 must be a CNode; the node lookup reports its depth errors.
        r.Fails(WrongType(3), Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, IrqControl, 0, 0, F + 4, 1);
        r.Fails(GuardFault(3), Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, BadCptr, 0, 0, F + 4, 1);
        r.Fails(Range(ErrorReason.DepthOutOfRange, 1, 64), Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, Root, F + 3, 65, 0, 1);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.DestinationNotCNode, Lookup: LookupFaultKind.MissingCapability, BitsLeft: 64),
            Syscall.Retype, u, (ulong)ObjectType.Endpoint, 0, Root, F, D, 0, 1);
        // A copied untyped with children cannot be copied again.
        r.Fails(new Err(KernelError.RevokeFirst, ErrorReason.UntypedHasChildren), Syscall.CapCopy, Root, F + 4, D, Root, u, D, All);
    }

    // ---------------------------------------------------------------- PROCESS_CREATE / CAP_INSERT_INTO

    [Fact]
    public void ProcessCreate_makes_an_inactive_thread_with_its_own_CSpace()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.ProcessCreate, r.Untyped, F, 4, 77);
        Assert.Equal(CapType.Tcb, r.Cap(F).Type);
        Assert.Equal(CapType.CNode, r.Cap(F + 1).Type);
        Assert.Equal(CapType.VSpace, r.Cap(F + 2).Type);
        Assert.Equal(4, r.K.Object(r.Cap(F + 1).Object).Radix);
        uint child = r.K.ThreadOf(r.Cap(F));
        ref readonly ThreadEntry entry = ref r.K.ThreadAt(child);
        Assert.Equal(ThreadState.Inactive, entry.State);
        Assert.Equal(77, entry.Priority);
        Assert.Equal(77, entry.MaxControlledPriority);
        Assert.True(entry.CSpaceRoot.Object.SameAs(r.Cap(F + 1).Object));
        Assert.Equal(60, entry.CSpaceRoot.GuardSizeBits);
        Assert.True(entry.VSpaceRoot.Object.SameAs(r.Cap(F + 2).Object));
    }

    [Fact]
    public void ProcessCreate_errors()
    {
        var r = new SyscallRig();
        r.Fails(Range(ErrorReason.PriorityAboveMaximum, 0, 255), Syscall.ProcessCreate, r.Untyped, F, 4, 256);
        r.Fails(Range(ErrorReason.ObjectSizeOutOfRange, 1, 9), Syscall.ProcessCreate, r.Untyped, F, 0, 10);
        r.Fails(Range(ErrorReason.ObjectSizeOutOfRange, 1, 9), Syscall.ProcessCreate, r.Untyped, F, 10, 10);
        // A 1 KiB untyped cannot hold the 2 KiB TCB.
        r.Ok(Syscall.Retype, SmallUntyped + 1, (ulong)ObjectType.Untyped, 10, Root, 0, 0, F + 20, 1);
        r.Fails(new Err(KernelError.NotEnoughMemory, ErrorReason.UntypedExhausted, Max: 1024), Syscall.ProcessCreate, F + 20, F, 4, 10);
        r.Fails(Occupied, Syscall.ProcessCreate, r.Untyped, Root, 4, 10);
        // A caller with a lower maximum controlled priority.
        uint t = r.Spawn(F + 10, 30);
        r.Ok(Syscall.TcbSetMaxControlledPriority, F + 10, 40);
        r.Ok(Syscall.TcbSuspend, RootTcb);
        Assert.Equal(t, r.Current());
        r.Fails(Range(ErrorReason.PriorityAboveMaximum, 0, 40), Syscall.ProcessCreate, r.Untyped, F, 4, 41);
        r.Ok(Syscall.ProcessCreate, r.Untyped, F, 4, 40);
    }

    [Fact]
    public void CapInsertInto_copies_a_derived_cap_into_the_child_and_revoke_removes_it()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F + 5);
        r.Ok(Syscall.ProcessCreate, r.Untyped, F, 4, 50);
        ObjectRef childNode = r.Cap(F + 1).Object;
        r.Ok(Syscall.CapInsertInto, F, F + 5, 3, R | W);
        Capability copy = r.K.Slot(r.K.CNodeSlot(childNode, 3)).Cap;
        Assert.Equal(CapType.Notification, copy.Type);
        Assert.Equal(CapRights.Read | CapRights.Write, copy.Rights);
        Assert.Equal(r.K.RootSlot(F + 5), r.K.Slot(r.K.CNodeSlot(childNode, 3)).Parent);

        r.Fails(Occupied, Syscall.CapInsertInto, F, F + 5, 3, All);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.SourceSlotEmpty, 0, true, LookupFaultKind.MissingCapability, 64),
            Syscall.CapInsertInto, F, EmptySlot, 4, All);
        // The child's CNode has 16 slots behind a 60-bit guard: slot 16 does not exist.
        r.Fails(GuardFault(), Syscall.CapInsertInto, F, F + 5, 16, All);
        r.Fails(WrongType(0), Syscall.CapInsertInto, F + 5, F + 5, 4, All);
        r.Fails(new Err(KernelError.IllegalOperation, ErrorReason.CapabilityNotDerivable), Syscall.CapInsertInto, F, IrqControl, 4, All);

        r.Ok(Syscall.CapRevoke, Root, F + 5, D);
        Assert.True(r.K.Slot(r.K.CNodeSlot(childNode, 3)).Cap.IsNull);
    }

    [Fact]
    public void CapInsertInto_a_thread_without_CSpace_is_InvalidRoot()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Tcb, F);
        r.Create(ObjectType.Notification, F + 1);
        var invalidRoot = new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, Lookup: LookupFaultKind.InvalidRoot);
        r.Fails(invalidRoot, Syscall.CapInsertInto, F, F + 1, 0, All);
        r.Ok(Syscall.ProcessCreate, r.Untyped, F + 2, 4, 50);
        r.Ok(Syscall.CapRevoke, Root, F + 3, D);
        r.Fails(invalidRoot, Syscall.CapInsertInto, F + 2, F + 1, 0, All);
    }

    [Fact]
    public void A_child_uses_the_caps_it_was_given_and_cannot_shut_down_without_IrqControl()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F + 5);
        r.Ok(Syscall.CapMint, Root, F + 6, D, Root, F + 5, D, W, 0x99);
        r.Ok(Syscall.ProcessCreate, r.Untyped, F, 4, 50);
        uint child = r.K.ThreadOf(r.Cap(F));
        r.Ok(Syscall.CapInsertInto, F, F + 6, 1, All);
        r.Ok(Syscall.TcbResume, F);
        r.Sys(Syscall.Wait, F + 5);
        Assert.Equal(child, r.Current());
        r.Fails(WrongType(0), Syscall.Shutdown, 1, 3);
        r.Fails(NullCap(0), Syscall.Shutdown, IrqControl, 3);
        r.Fails(GuardFault(), Syscall.Shutdown, 16, 3);
        Assert.False(r.S.Machine.ShutDown);
        r.Ok(Syscall.Signal, 1);
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(0x99UL, r.Reg(r.RootThread, 1));
    }

    // ---------------------------------------------------------------- CNode operations

    [Fact]
    public void Copy_Mint_Move_Mutate_Rotate_Delete_Revoke_succeed()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapCopy, Root, F + 1, D, Root, F, D, R | W);
        Assert.Equal(CapRights.Read | CapRights.Write, r.Cap(F + 1).Rights);
        r.Ok(Syscall.CapMint, Root, F + 2, D, Root, F, D, W, 0x1234);
        Assert.Equal(0x1234UL, r.Cap(F + 2).Badge);
        Assert.Equal(CapRights.Write, r.Cap(F + 2).Rights);
        r.Ok(Syscall.CapMove, Root, F + 3, D, Root, F + 2, D);
        Assert.True(r.Cap(F + 2).IsNull);
        Assert.Equal(0x1234UL, r.Cap(F + 3).Badge);
        r.Create(ObjectType.CNode, F + 4, 2);
        r.Ok(Syscall.CapMutate, Root, F + 5, D, Root, F + 4, D, CapData.CNodeGuard(1, 3));
        Assert.Equal(3, r.Cap(F + 5).GuardSizeBits);
        Assert.Equal(1UL, r.Cap(F + 5).Guard);
        // Rotate (endpoint capabilities cannot take part: Rotate preserves badges, as seL4's updateCapData(preserve)):
        // dest F+6 <- pivot F+5 (the guarded CNode, new guard 2/2), pivot F+5 <- src F+7 (a frame).
        r.Create(ObjectType.Frame4K, F + 7);
        ObjectRef frame = r.Cap(F + 7).Object;
        r.Ok(Syscall.CapRotate, Root, D, F + 6, CapData.CNodeGuard(2, 2), F + 5, 0, F + 7);
        Assert.Equal(CapType.CNode, r.Cap(F + 6).Type);
        Assert.Equal(2UL, r.Cap(F + 6).Guard);
        Assert.True(r.Cap(F + 5).Object.SameAs(frame));
        Assert.True(r.Cap(F + 7).IsNull);
        r.Ok(Syscall.CapDelete, Root, F + 6, D);
        Assert.True(r.Cap(F + 6).IsNull);
        r.Ok(Syscall.CapDelete, Root, F + 6, D);
        r.Ok(Syscall.CapRevoke, Root, F, D);
        Assert.True(r.Cap(F + 3).IsNull);
        Assert.Equal(CapType.Endpoint, r.Cap(F).Type);
    }

    [Theory]
    [InlineData(Syscall.CapCopy)]
    [InlineData(Syscall.CapMint)]
    [InlineData(Syscall.CapMove)]
    [InlineData(Syscall.CapMutate)]
    public void Two_slot_CNode_operation_errors(Syscall number)
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Fails(WrongType(3), number, Root, F + 1, D, IrqControl, F, D, All, 0);
        r.Fails(NullCap(3), number, Root, F + 1, D, EmptySlot, F, D, All, 0);
        r.Fails(GuardFault(3), number, Root, F + 1, D, BadCptr, F, D, All, 0);
        r.Fails(Range(ErrorReason.DepthOutOfRange, 1, 64), number, Root, F + 1, 0, Root, F, D, All, 0);
        r.Fails(Range(ErrorReason.DepthOutOfRange, 1, 64), number, Root, F + 1, 65, Root, F, D, All, 0);
        r.Fails(Range(ErrorReason.DepthOutOfRange, 1, 64), number, Root, F + 1, ulong.MaxValue, Root, F, D, All, 0);
        r.Fails(Range(ErrorReason.DepthOutOfRange, 1, 64), number, Root, F + 1, D, Root, F, 0, All, 0);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, 0, false, LookupFaultKind.GuardMismatch, 64), number, Root, BadCptr, D, Root, F, D, All, 0);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, 0, true, LookupFaultKind.GuardMismatch, 64), number, Root, F + 1, D, Root, BadCptr, D, All, 0);
        // Depth 32 is shorter than the root capability's 58-bit guard: a guard mismatch with 32 bits left.
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, 0, false, LookupFaultKind.GuardMismatch, 32), number, Root, F + 1, 32, Root, F, D, All, 0);
        r.Fails(Occupied, number, Root, F, D, Root, F, D, All, 0);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.SourceSlotEmpty, 0, true, LookupFaultKind.MissingCapability, 64), number, Root, F + 1, D, Root, EmptySlot, D, All, 0);
    }

    [Fact]
    public void Cap_rule_errors_badge_guard_derivability()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapMint, Root, F + 1, D, Root, F, D, All, 7);
        r.Fails(Illegal(ErrorReason.BadgeAlreadySet), Syscall.CapMint, Root, F + 2, D, Root, F + 1, D, All, 8);
        r.Fails(Illegal(ErrorReason.BadgeAlreadySet), Syscall.CapMutate, Root, F + 2, D, Root, F, D, 8);
        r.Fails(Illegal(ErrorReason.GuardTooLarge), Syscall.CapMint, Root, F + 2, D, Root, Root, D, All, CapData.CNodeGuard(0, 59));
        r.Fails(Illegal(ErrorReason.CapabilityNotDerivable), Syscall.CapCopy, Root, F + 2, D, Root, IrqControl, D, All);
        r.Fails(Illegal(ErrorReason.CapabilityNotDerivable), Syscall.CapMint, Root, F + 2, D, Root, IrqControl, D, All, 0);
        r.Fails(new Err(KernelError.RevokeFirst, ErrorReason.UntypedHasChildren), Syscall.CapCopy, Root, F + 2, D, Root, r.Untyped, D, All);
    }

    [Fact]
    public void Rotate_Delete_Revoke_errors()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Create(ObjectType.Endpoint, F + 1);
        r.Fails(Illegal(ErrorReason.RotateSlotsAlias), Syscall.CapRotate, Root, D, F + 2, 0, F, 0, F);
        r.Fails(Illegal(ErrorReason.RotateSlotsAlias), Syscall.CapRotate, Root, D, F, 0, F, 0, F + 1);
        r.Fails(Occupied, Syscall.CapRotate, Root, D, F + 1, 0, F, 0, F + 3);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.SourceSlotEmpty, 0, true, LookupFaultKind.MissingCapability, 64), Syscall.CapRotate, Root, D, F + 2, 0, F, 0, F + 3);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.PivotSlotEmpty, 0, false, LookupFaultKind.MissingCapability, 64), Syscall.CapRotate, Root, D, F + 2, 0, F + 3, 0, F);
        r.Fails(Range(ErrorReason.DepthOutOfRange, 1, 64), Syscall.CapRotate, Root, 0, F + 2, 0, F, 0, F + 1);
        r.Fails(Illegal(ErrorReason.BadgeAlreadySet), Syscall.CapRotate, Root, D, F + 2, 5, F, 0, F + 1);
        foreach (Syscall number in new[] { Syscall.CapDelete, Syscall.CapRevoke })
        {
            r.Fails(Range(ErrorReason.DepthOutOfRange, 1, 64), number, Root, F, 0);
            r.Fails(Range(ErrorReason.DepthOutOfRange, 1, 64), number, Root, F, 65);
            r.Fails(new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, 0, false, LookupFaultKind.GuardMismatch, 64), number, Root, BadCptr, D);
        }
    }

    // ---------------------------------------------------------------- TCB operations

    [Fact]
    public void TcbConfigure_sets_buffer_fault_endpoint_and_roots_and_checks_each_argument()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Tcb, F);
        r.Create(ObjectType.Frame4K, F + 1);
        r.Create(ObjectType.Endpoint, F + 2);
        r.Ok(Syscall.TcbConfigure, F, F + 2, Root, RootVSpace, 0x7000_0C00, F + 1);
        ref readonly ThreadEntry entry = ref r.K.ThreadAt(r.K.ThreadOf(r.Cap(F)));
        Assert.Equal(F + 2, entry.FaultEndpointCptr);
        Assert.Equal(0x7000_0C00UL, entry.IpcBufferVirtAddr);
        Assert.True(entry.IpcBufferFrame.SameAs(r.Cap(F + 1).Object));
        Assert.True(entry.CSpaceRoot.Object.SameAs(r.Cap(Root).Object));
        Assert.True(entry.VSpaceRoot.Object.SameAs(r.Cap(RootVSpace).Object));

        r.Fails(new Err(KernelError.AlignmentError, ErrorReason.IpcBufferMisaligned), Syscall.TcbConfigure, F, 0, Root, 0, 0x7000_0100, F + 1);
        r.Fails(WrongType(2), Syscall.TcbConfigure, F, 0, F + 2, 0, 0, 0);
        r.Fails(NullCap(2), Syscall.TcbConfigure, F, 0, EmptySlot, 0, 0, 0);
        r.Fails(GuardFault(2), Syscall.TcbConfigure, F, 0, BadCptr, 0, 0, 0);
        r.Fails(WrongType(3), Syscall.TcbConfigure, F, 0, Root, F + 2, 0, 0);
        r.Fails(NullCap(3), Syscall.TcbConfigure, F, 0, Root, EmptySlot, 0, 0);
        r.Fails(WrongType(5), Syscall.TcbConfigure, F, 0, Root, 0, 0x1000, F + 2);
        r.Fails(NullCap(5), Syscall.TcbConfigure, F, 0, Root, 0, 0x1000, EmptySlot);
    }

    [Fact]
    public void TcbSetPriority_preempts_and_is_bounded_by_the_callers_MCP()
    {
        var r = new SyscallRig();
        uint t = r.Spawn(F, 10);
        r.Fails(Range(ErrorReason.PriorityAboveMaximum, 0, 255), Syscall.TcbSetPriority, F, 256);
        r.Fails(Range(ErrorReason.PriorityAboveMaximum, 0, 255), Syscall.TcbSetPriority, F, ulong.MaxValue);
        r.Ok(Syscall.TcbSetPriority, F, 20);
        Assert.Equal(20, r.K.ThreadAt(t).Priority);
        Assert.Equal(r.K.ReadyQueueHead(0, 20), t);
        // A new TCB's maximum controlled priority is 0 (seL4); the root gives it 20.
        Assert.Equal(0, r.K.ThreadAt(t).MaxControlledPriority);
        r.Ok(Syscall.TcbSetMaxControlledPriority, F, 20);
        r.Ok(Syscall.TcbSetPriority, RootTcb, 15);
        Assert.Equal(t, r.Current());
        Assert.Equal(ThreadState.Ready, r.State(r.RootThread));

        r.Fails(Range(ErrorReason.PriorityAboveMaximum, 0, 20), Syscall.TcbSetPriority, F, 21);
        r.Fails(Range(ErrorReason.PriorityAboveMaximum, 0, 20), Syscall.TcbSetMaxControlledPriority, F, 21);
        r.Fails(Range(ErrorReason.PriorityAboveMaximum, 0, 20), Syscall.TcbSetPriority, RootTcb, 200);
        r.Ok(Syscall.TcbSetPriority, RootTcb, 20);
        // Lowering itself below the root makes the root run again.
        r.Ok(Syscall.TcbSetPriority, F, 5);
        Assert.Equal(r.RootThread, r.Current());
    }

    [Fact]
    public void Suspend_and_Resume()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F + 5);
        uint t = r.Spawn(F, 10);
        r.Ok(Syscall.TcbSuspend, F);
        Assert.Equal(ThreadState.Inactive, r.State(t));
        Assert.Equal(ThreadEntry.None, r.K.ReadyQueueHead(0, 10));
        r.Ok(Syscall.TcbResume, F);
        Assert.Equal(ThreadState.Ready, r.State(t));
        r.Ok(Syscall.TcbResume, F);
        Assert.Equal(ThreadState.Ready, r.State(t));
        // A blocked thread leaves its endpoint queue when suspended.
        r.Ok(Syscall.TcbSuspend, RootTcb);
        Assert.Equal(t, r.Current());
        r.Sys(Syscall.Recv, F + 5);
        Assert.Equal(ThreadState.BlockedOnReceive, r.State(t));
        r.ResumeFromOutside(RootTcb);
        Assert.Equal(r.RootThread, r.Current());
        r.Ok(Syscall.TcbSuspend, F);
        Assert.Equal(ThreadState.Inactive, r.State(t));
        Assert.Equal(WaitQueueKind.Idle, r.K.Object(r.Cap(F + 5).Object).QueueKind);
        // Resuming the running thread changes nothing.
        string before = KernelState.Describe(r.K);
        r.Ok(Syscall.TcbResume, RootTcb);
        Assert.Equal(before, KernelState.Describe(r.K));
    }

    [Fact]
    public void WriteRegisters_sets_pc_sp_and_x0()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Tcb, F);
        r.Ok(Syscall.TcbWriteRegisters, F, 0x40_0000, 0x80_0000, 0x1234);
        uint t = r.K.ThreadOf(r.Cap(F));
        Assert.Equal(0x40_0000UL, r.Reg(t, UserContext.Pc));
        Assert.Equal(0x80_0000UL, r.Reg(t, UserContext.Sp));
        Assert.Equal(0x1234UL, r.Reg(t, 0));
    }

    [Fact]
    public void Bind_and_Unbind_notification()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        r.Create(ObjectType.Notification, F + 1);
        r.Create(ObjectType.Tcb, F + 2);
        r.Fails(WrongType(1), Syscall.TcbBindNotification, RootTcb, Root);
        r.Fails(NullCap(1), Syscall.TcbBindNotification, RootTcb, EmptySlot);
        r.Fails(GuardFault(1), Syscall.TcbBindNotification, RootTcb, BadCptr);
        r.Fails(Illegal(ErrorReason.NotBound), Syscall.TcbUnbindNotification, RootTcb);
        r.Ok(Syscall.TcbBindNotification, RootTcb, F);
        Assert.True(r.K.ThreadAt(r.RootThread).BoundNotification.SameAs(r.Cap(F).Object));
        r.Fails(Illegal(ErrorReason.AlreadyBound), Syscall.TcbBindNotification, RootTcb, F + 1);
        r.Fails(Illegal(ErrorReason.AlreadyBound), Syscall.TcbBindNotification, F + 2, F);
        r.Ok(Syscall.TcbUnbindNotification, RootTcb);
        Assert.True(r.K.ThreadAt(r.RootThread).BoundNotification.IsNone);
        Assert.Equal(ThreadEntry.None, r.K.Object(r.Cap(F).Object).BoundThread);
    }

    [Fact]
    public void Bind_fails_while_threads_wait_on_the_notification()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        uint waiter = r.Spawn(F + 3, 100);
        r.Ok(Syscall.TcbSuspend, RootTcb);
        r.Sys(Syscall.Wait, F);
        Assert.Equal(ThreadState.BlockedOnNotification, r.State(waiter));
        r.ResumeFromOutside(RootTcb);
        r.Fails(Illegal(ErrorReason.NotificationHasWaiters), Syscall.TcbBindNotification, RootTcb, F);
    }

    [Fact]
    public void SetAffinity_moves_threads_between_cores_and_checks_the_range()
    {
        var one = new SyscallRig();
        one.Spawn(F, 10);
        one.Fails(Range(ErrorReason.CoreOutOfRange, 0, 0), Syscall.TcbSetAffinity, F, 1);
        var r = new SyscallRig(2);
        uint t = r.Spawn(F, 10, 0);
        Assert.Equal(1u, r.Current(1));
        r.Fails(Range(ErrorReason.CoreOutOfRange, 0, 1), Syscall.TcbSetAffinity, F, 2);
        r.Ok(Syscall.TcbSetAffinity, F, 1);
        Assert.Equal(t, r.Current(1));
        Assert.Equal(1, r.K.ThreadAt(t).Core);
        // The running thread moving itself.
        r.OkOn(1, Syscall.TcbSetAffinity, F, 0);
        Assert.Equal(1u, r.Current(1));
        Assert.Equal(ThreadState.Ready, r.State(t));
    }

    // ---------------------------------------------------------------- IRQs

    [Fact]
    public void IrqHandlerGet_success_and_errors()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.IrqHandlerGet, IrqControl, 5, Root, F, D);
        Assert.Equal(CapType.IrqHandler, r.Cap(F).Type);
        Assert.True(r.K.IrqHasHandler(5));
        Assert.False(r.K.IrqEnabled(5));
        r.Fails(Range(ErrorReason.IrqOutOfRange, 0, 63), Syscall.IrqHandlerGet, IrqControl, 64, Root, F + 1, D);
        r.Fails(Range(ErrorReason.IrqOutOfRange, 0, 63), Syscall.IrqHandlerGet, IrqControl, 1UL << 40, Root, F + 1, D);
        r.Fails(new Err(KernelError.RevokeFirst, ErrorReason.IrqAlreadyHandled), Syscall.IrqHandlerGet, IrqControl, 5, Root, F + 1, D);
        r.Fails(Occupied, Syscall.IrqHandlerGet, IrqControl, 6, Root, F, D);
        r.Fails(WrongType(2), Syscall.IrqHandlerGet, IrqControl, 6, IrqControl, F + 1, D);
        r.Fails(Range(ErrorReason.DepthOutOfRange, 1, 64), Syscall.IrqHandlerGet, IrqControl, 6, Root, F + 1, 0);
        r.Fails(new Err(KernelError.FailedLookup, ErrorReason.LookupFailed, 0, false, LookupFaultKind.GuardMismatch, 64), Syscall.IrqHandlerGet, IrqControl, 6, Root, BadCptr, D);
    }

    [Fact]
    public void Interrupts_signal_the_notification_and_stay_masked_until_acked()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.IrqHandlerGet, IrqControl, 5, Root, F, D);
        r.Create(ObjectType.Notification, F + 1);
        r.Ok(Syscall.CapMint, Root, F + 2, D, Root, F + 1, D, W, 0x20);
        r.Fails(Illegal(ErrorReason.NoIrqNotification), Syscall.IrqAck, F);
        r.Fails(WrongType(1), Syscall.IrqSetNotification, F, Root);
        r.Fails(NullCap(1), Syscall.IrqSetNotification, F, EmptySlot);
        r.Ok(Syscall.IrqSetNotification, F, F + 2);
        Assert.True(r.K.IrqEnabled(5));

        var machine = RecordingMachine.Create();
        r.K.HandleInterrupt(ref machine, 0, 5);
        KernelState.AssertInvariants(r.K);
        Assert.False(r.K.IrqEnabled(5));
        Assert.Equal(1, machine.Log.Count);
        Assert.Equal(new MachineCall(MachineCallKind.SetIrqEnabled, 5, 0, 0, 0, VmRights.None, false), machine.Log[0]);
        r.Ok(Syscall.Poll, F + 1);
        Assert.Equal(0x20UL, r.Reg(r.RootThread, 1));

        // The ack goes through the dispatcher to the machine: the line is unmasked.
        machine.Log.Clear();
        uint root = r.RootThread;
        r.K.Register(root, 0) = F;
        r.K.Register(root, UserContext.X8) = (ulong)Syscall.IrqAck;
        r.K.HandleSyscall(ref machine, 0);
        KernelState.AssertInvariants(r.K);
        Assert.Equal(0UL, r.Reg(root, 0));
        Assert.True(r.K.IrqEnabled(5));
        Assert.Equal(1, machine.Log.Count);
        Assert.Equal(new MachineCall(MachineCallKind.SetIrqEnabled, 5, 1, 0, 0, VmRights.None, false), machine.Log[0]);

        // A thread waiting on the notification is woken by the interrupt.
        r.Sys(Syscall.Wait, F + 1);
        Assert.Equal(r.K.Core(0).Idle, r.Current());
        r.K.HandleInterrupt(ref machine, 0, 5);
        KernelState.AssertInvariants(r.K);
        Assert.Equal(root, r.Current());
        Assert.Equal(0x20UL, r.Reg(root, 1));

        // Lines without a handler, and numbers beyond the lines, are masked and dropped.
        string before = KernelState.Describe(r.K);
        r.K.HandleInterrupt(ref machine, 0, 7);
        r.K.HandleInterrupt(ref machine, 0, 1000);
        Assert.Equal(before, KernelState.Describe(r.K));
        KernelState.AssertInvariants(r.K);

        // Deleting the handler masks the line.
        r.Ok(Syscall.IrqAck, F);
        Assert.True(r.K.IrqEnabled(5));
        r.Ok(Syscall.CapDelete, Root, F, D);
        Assert.False(r.K.IrqEnabled(5));
        Assert.False(r.K.IrqHasHandler(5));
    }

    [Fact]
    public void An_interrupt_on_another_core_wakes_a_more_important_thread_there()
    {
        var r = new SyscallRig(2);
        r.Ok(Syscall.IrqHandlerGet, IrqControl, 9, Root, F, D);
        r.Create(ObjectType.Notification, F + 1);
        r.Ok(Syscall.IrqSetNotification, F, F + 1);
        uint low = r.Spawn(F + 10, 10, 1);
        uint high = r.Spawn(F + 11, 20, 1);
        Assert.Equal(high, r.Current(1));
        r.SysOn(1, Syscall.Wait, F + 1);
        Assert.Equal(low, r.Current(1));
        var machine = RecordingMachine.Create();
        r.K.HandleInterrupt(ref machine, 0, 9);
        KernelState.AssertInvariants(r.K);
        Assert.Equal(high, r.Current(1));
        Assert.Equal(r.RootThread, r.Current(0));
    }

    // ---------------------------------------------------------------- SHUTDOWN, DEBUG_PUTCHAR, unknown numbers

    [Fact]
    public void Shutdown_with_IrqControl_powers_off_with_the_exit_code()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.Shutdown, IrqControl, 42);
        Assert.True(r.S.Machine.ShutDown);
        Assert.Equal(42UL, r.S.Machine.ExitCode);
    }

    [Fact]
    public void DebugPutChar_writes_the_console()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.DebugPutChar, 'K');
        r.Ok(Syscall.DebugPutChar, 0x100 + 'a');
        Assert.Equal(2, r.S.Machine.ConsoleLength);
        Assert.Equal((byte)'K', r.S.Machine.ConsoleByte(0));
        Assert.Equal((byte)'a', r.S.Machine.ConsoleByte(1));
    }

    [Theory]
    [InlineData(0x00UL)]
    [InlineData(0x09UL)]
    [InlineData(0x12UL)]
    [InlineData(0x1DUL)]
    [InlineData(0x2BUL)]
    [InlineData(0x44UL)]
    [InlineData(0x51UL)]
    [InlineData(0x1002UL)]
    [InlineData(ulong.MaxValue)]
    public void Unknown_syscall_numbers_fault_the_thread(ulong number)
    {
        var r = new SyscallRig();
        uint root = r.RootThread;
        r.K.Register(root, UserContext.Pc) = 0x40_1234;
        string slotsBefore = SlotsOnly(r.K);
        r.Sys((Syscall)number, 1, 2, 3);
        Assert.Equal(ThreadState.Faulted, r.State(root));
        Assert.Equal(1, r.S.Machine.UnhandledFaults);
        Assert.Equal(root, r.S.Machine.LastFaultThread);
        Assert.Equal(FaultKind.UnknownSyscall, r.S.Machine.LastFaultKind);
        Assert.Equal(number, r.K.ThreadAt(root).Fault.Address);
        Assert.Equal(0x40_1234UL, r.K.ThreadAt(root).Fault.ProgramCounter);
        Assert.Equal(r.K.Core(0).Idle, r.Current());
        Assert.Equal(slotsBefore, SlotsOnly(r.K));
    }

    [Fact]
    public void Unknown_syscall_with_a_fault_endpoint_becomes_a_fault_message()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapMint, Root, F + 1, D, Root, F, D, W | GR, 0x66);
        uint t = r.Spawn(F + 10, 100);
        r.Ok(Syscall.TcbConfigure, F + 10, F + 1, Root, RootVSpace, 0, 0);
        r.Sys(Syscall.Recv, F);
        Assert.Equal(t, r.Current());
        r.K.Register(t, UserContext.Pc) = 0x1000;
        r.Sys((Syscall)0x77, 0);
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(ThreadState.BlockedOnReply, r.State(t));
        Assert.Equal(0x66UL, r.Reg(r.RootThread, 1));
        Assert.Equal((ulong)FaultKind.UnknownSyscall, MessageInfo.Label(r.Reg(r.RootThread, 2)));
        Assert.Equal(0x1000UL, r.Reg(r.RootThread, 3));
        Assert.Equal(0x77UL, r.Reg(r.RootThread, 4));
        // A reply with a non-zero label leaves it inactive.
        r.Ok(Syscall.Reply, 0, MessageInfo.Make(1, 0, 0, 0));
        Assert.Equal(ThreadState.Inactive, r.State(t));
    }

    private static string SlotsOnly(Kernel k)
    {
        string all = KernelState.Describe(k);
        return string.Join("\n", System.Array.FindAll(all.Split('\n'), line => line.StartsWith("slot ") || line.StartsWith("obj ")));
    }
}
