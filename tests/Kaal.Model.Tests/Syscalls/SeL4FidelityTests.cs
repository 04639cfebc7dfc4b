using Xunit;
using static Kaal.Model.Tests.Syscalls.SyscallRig;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// Issue 22, "What was seen": each test pins one place where Kaal.Model deviated from seL4's sources
/// (seL4/seL4 src/object/tcb.c, interrupt.c, cnode.c, src/api/syscall.c, src/arch/arm/64/kernel/vspace.c)
/// and failed before the fix.
/// </summary>
public sealed class SeL4FidelityTests
{
    private const ulong IrqControl = BootInfo.IrqControlSlot;
    private const ulong RootTcb = BootInfo.InitialThreadSlot;
    private const ulong RootVSpace = BootInfo.InitialVSpaceSlot;
    private const ulong DeviceUntyped = 25;
    private const ulong R = (ulong)CapRights.Read, W = (ulong)CapRights.Write, G = (ulong)CapRights.Grant;

    // ---------------------------------------------------------------- rights checks on bindings

    /// <summary>seL4 decodeBindNotification: a notification capability without CanReceive (Read) cannot be
    /// bound, else the thread would receive every sender's badges through it. IllegalOperation, nothing bound.</summary>
    [Fact]
    public void Binding_a_notification_needs_Read()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        r.Ok(Syscall.CapCopy, Root, F + 1, D, Root, F, D, W);
        r.Fails(new Err(KernelError.IllegalOperation, ErrorReason.MissingRight), Syscall.TcbBindNotification, RootTcb, F + 1);
        Assert.True(r.K.ThreadAt(r.RootThread).BoundNotification.IsNone);
        r.Ok(Syscall.CapCopy, Root, F + 2, D, Root, F, D, R);
        r.Ok(Syscall.TcbBindNotification, RootTcb, F + 2);
    }

    /// <summary>seL4 decodeBindNotification checks the thread's own binding before the capability's rights.</summary>
    [Fact]
    public void Binding_checks_the_threads_binding_before_the_rights()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        r.Ok(Syscall.TcbBindNotification, RootTcb, F);
        r.Ok(Syscall.CapCopy, Root, F + 1, D, Root, F, D, W);
        r.Fails(new Err(KernelError.IllegalOperation, ErrorReason.AlreadyBound), Syscall.TcbBindNotification, RootTcb, F + 1);
    }

    /// <summary>seL4 decodeIRQHandlerInvocation (IRQSetIRQHandler): the notification capability must have
    /// CanSend (Write); without it InvalidCapability naming the notification, and the line stays masked.</summary>
    [Fact]
    public void An_IRQ_handlers_notification_needs_Write()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.IrqHandlerGet, IrqControl, 5, Root, F, D);
        r.Create(ObjectType.Notification, F + 1);
        r.Ok(Syscall.CapCopy, Root, F + 2, D, Root, F + 1, D, R);
        r.Fails(new Err(KernelError.InvalidCapability, ErrorReason.MissingRight, 1), Syscall.IrqSetNotification, F, F + 2);
        Assert.False(r.K.IrqEnabled(5));
        r.Ok(Syscall.CapCopy, Root, F + 3, D, Root, F + 1, D, W);
        r.Ok(Syscall.IrqSetNotification, F, F + 3);
        Assert.True(r.K.IrqEnabled(5));
    }

    /// <summary>seL4 checkValidIPCBuffer: a device frame is refused as an IPC buffer (IllegalOperation), checked
    /// before the alignment; and the buffer is checked before the CSpace and VSpace roots (decodeTCBConfigure).</summary>
    [Fact]
    public void A_device_frame_is_refused_as_an_IPC_buffer()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Tcb, F);
        r.Ok(Syscall.Retype, DeviceUntyped, (ulong)ObjectType.Frame4K, 0, Root, 0, 0, F + 1, 1);
        var deviceBuffer = new Err(KernelError.IllegalOperation, ErrorReason.DeviceFrameAsIpcBuffer);
        r.Fails(deviceBuffer, Syscall.TcbConfigure, F, 0, Root, RootVSpace, 0x7000_0000, F + 1);
        r.Fails(deviceBuffer, Syscall.TcbConfigure, F, 0, Root, RootVSpace, 0x7000_0100, F + 1);
        r.Fails(deviceBuffer, Syscall.TcbConfigure, F, 0, RootTcb, RootVSpace, 0x7000_0000, F + 1);
        Assert.True(r.K.ThreadAt(r.K.ThreadOf(r.Cap(F))).IpcBufferFrame.IsNone);
    }

    // ---------------------------------------------------------------- the reply right's lifetime

    /// <summary>seL4 handleRecv calls deleteCallerCap before receiveIPC: a server Called by A that Recvs again
    /// and takes B's plain Send no longer holds A's reply right, so its Reply does nothing and A stays blocked.</summary>
    [Fact]
    public void Recv_drops_an_unused_reply_right()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        uint server = r.RootThread;
        uint a = r.Spawn(F + 10, 100);
        uint b = r.Spawn(F + 11, 100);
        r.Sys(Syscall.Recv, F);
        Assert.Equal(a, r.Current());
        r.Sys(Syscall.Call, F, MessageInfo.Make(1, 1, 0, 0), 111);
        Assert.Equal(server, r.Current());
        Assert.Equal(a, r.K.CallerOf(server));
        // The server receives again without replying; B sends.
        r.Sys(Syscall.Recv, F);
        Assert.Equal(ThreadEntry.None, r.K.CallerOf(server));
        Assert.Equal(b, r.Current());
        r.Sys(Syscall.Send, F, MessageInfo.Make(2, 1, 0, 0), 222);
        Assert.Equal(server, r.Current());
        Assert.Equal(222UL, r.Reg(server, 3));
        r.Ok(Syscall.Reply, 0, MessageInfo.Make(0, 1, 0, 0), 333);
        Assert.Equal(ThreadState.BlockedOnReply, r.State(a));
        Assert.NotEqual(333UL, r.Reg(a, 3));
    }

    /// <summary>NBRecv goes through seL4's handleRecv too, so it drops the reply right even when nobody sent.</summary>
    [Fact]
    public void NBRecv_drops_an_unused_reply_right_too()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        uint server = r.RootThread;
        uint a = r.Spawn(F + 10, 100);
        r.Sys(Syscall.Recv, F);
        r.Sys(Syscall.Call, F, MessageInfo.Make(1, 1, 0, 0), 111);
        Assert.Equal(server, r.Current());
        r.Ok(Syscall.NBRecv, F);
        Assert.Equal(ThreadEntry.None, r.K.CallerOf(server));
        r.Ok(Syscall.Reply, 0, MessageInfo.Make(0, 1, 0, 0), 333);
        Assert.Equal(ThreadState.BlockedOnReply, r.State(a));
    }

    /// <summary>Waiting on a notification is not an endpoint receive: seL4 keeps the caller capability, so the
    /// server can still answer after a Wait.</summary>
    [Fact]
    public void Waiting_on_a_notification_keeps_the_reply_right()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Create(ObjectType.Notification, F + 1);
        uint server = r.RootThread;
        uint a = r.Spawn(F + 10, 100);
        r.Sys(Syscall.Recv, F);
        r.Sys(Syscall.Call, F, MessageInfo.Make(1, 1, 0, 0), 111);
        r.Ok(Syscall.Signal, F + 1);
        r.Ok(Syscall.Wait, F + 1);
        Assert.Equal(a, r.K.CallerOf(server));
        r.Ok(Syscall.Reply, 0, MessageInfo.Make(0, 1, 0, 0), 333);
        Assert.Equal(333UL, r.Reg(a, 3));
    }

    // ---------------------------------------------------------------- CNode CancelBadgedSends

    /// <summary>seL4 invokeCNodeCancelBadgedSends / cancelBadgedSends: the senders queued with the capability's
    /// badge leave the queue (their Send/Call returns InvalidCapability, BadgedSendCancelled); the others keep
    /// their order; receivers are untouched.</summary>
    [Fact]
    public void CancelBadgedSends_wakes_only_the_senders_with_that_badge()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Ok(Syscall.CapMint, Root, F + 1, D, Root, F, D, W, 5);
        r.Ok(Syscall.CapMint, Root, F + 2, D, Root, F, D, W, 6);
        r.Ok(Syscall.CapMint, Root, F + 3, D, Root, F, D, (ulong)CapRights.All, 5);
        uint a = r.Spawn(F + 10, 100);
        uint b = r.Spawn(F + 11, 100);
        uint c = r.Spawn(F + 12, 100);
        r.Ok(Syscall.TcbSuspend, BootInfo.InitialThreadSlot);
        Assert.Equal(a, r.Current());
        r.Sys(Syscall.Send, F + 1, MessageInfo.Make(1, 0, 0, 0));
        Assert.Equal(b, r.Current());
        r.Sys(Syscall.Send, F + 2, MessageInfo.Make(2, 0, 0, 0));
        Assert.Equal(c, r.Current());
        r.Sys(Syscall.Call, F + 3, MessageInfo.Make(3, 0, 0, 0));
        r.ResumeFromOutside(BootInfo.InitialThreadSlot);
        r.Ok(Syscall.CapCancelBadgedSends, Root, F + 3, D);
        Assert.Equal(ThreadState.Ready, r.State(a));
        Assert.Equal(ThreadState.Ready, r.State(c));
        Assert.Equal((ulong)KernelError.InvalidCapability, r.Reg(a, 0));
        Assert.Equal((ulong)ErrorReason.BadgedSendCancelled, r.Reg(a, 1));
        Assert.Equal((ulong)ErrorReason.BadgedSendCancelled, r.Reg(c, 1));
        Assert.Equal(ThreadState.BlockedOnSend, r.State(b));
        ref readonly KernelObject endpoint = ref r.K.Object(r.Cap(F).Object);
        Assert.Equal(WaitQueueKind.Senders, endpoint.QueueKind);
        Assert.Equal(b, endpoint.QueueHead);
        Assert.Equal(b, endpoint.QueueTail);
    }

    /// <summary>seL4 hasCancelSendRights: an endpoint capability with Read, Write, Grant and GrantReply; anything
    /// else is IllegalOperation, after the slot lookup (lookupTargetSlot) has succeeded. An unbadged one is fine
    /// and cancels nothing.</summary>
    [Fact]
    public void CancelBadgedSends_needs_an_endpoint_capability_with_every_right()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        r.Create(ObjectType.Notification, F + 1);
        r.Ok(Syscall.CapMint, Root, F + 2, D, Root, F, D, R | W | G, 5);
        var illegal = new Err(KernelError.IllegalOperation, ErrorReason.CancelSendRightsMissing);
        r.Fails(illegal, Syscall.CapCancelBadgedSends, Root, F + 2, D);
        r.Fails(illegal, Syscall.CapCancelBadgedSends, Root, F + 1, D);
        r.Fails(illegal, Syscall.CapCancelBadgedSends, Root, 63, D);
        r.Fails(new Err(KernelError.RangeError, ErrorReason.DepthOutOfRange, Min: 1, Max: 64), Syscall.CapCancelBadgedSends, Root, F, 0);
        r.Fails(new Err(KernelError.InvalidCapability, ErrorReason.WrongCapabilityType, 0), Syscall.CapCancelBadgedSends, F, F, D);
        string before = KernelState.Describe(r.K);
        r.Ok(Syscall.CapCancelBadgedSends, Root, F, D);
        Assert.Equal(before, KernelState.Describe(r.K));
    }

    // ---------------------------------------------------------------- capabilities objects hold

    /// <summary>seL4 invokeIRQHandler_SetIRQHandler puts a derived notification capability in the IRQ node, a
    /// descendant of the capability named: revoking the notification's original capability removes it, and the
    /// interrupt signals nothing afterwards (it used to keep signalling the notification).</summary>
    [Fact]
    public void Revoking_a_notification_stops_interrupt_delivery_to_it()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        r.Ok(Syscall.CapMint, Root, F + 1, D, Root, F, D, W, 0x20);
        r.Ok(Syscall.IrqHandlerGet, IrqControl, 5, Root, F + 2, D);
        r.Ok(Syscall.IrqSetNotification, F + 2, F + 1);
        Assert.Equal(CapType.Notification, r.K.Slot(r.K.IrqNodeSlot(5)).Cap.Type);
        r.Ok(Syscall.CapRevoke, Root, F, D);
        Assert.True(r.K.Slot(r.K.IrqNodeSlot(5)).Cap.IsNull);
        var machine = RecordingMachine.Create();
        r.K.HandleInterrupt(ref machine, 0, 5);
        KernelState.AssertInvariants(r.K);
        r.Ok(Syscall.Poll, F);
        Assert.Equal(0UL, r.Reg(r.RootThread, 1));
    }

    /// <summary>The notification an IRQ handler signals is counted: deleting every capability the user holds leaves
    /// it alive while the IRQ node holds one, and deleting the handler deletes that one (seL4 deletingIRQHandler).</summary>
    [Fact]
    public void The_IRQ_node_capability_keeps_the_notification_until_the_handler_goes()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        ObjectRef notification = r.Cap(F).Object;
        r.Ok(Syscall.IrqHandlerGet, IrqControl, 5, Root, F + 2, D);
        r.Ok(Syscall.IrqSetNotification, F + 2, F);
        r.Ok(Syscall.CapDelete, Root, F, D);
        Assert.True(r.K.Objects.IsLive(notification));
        Assert.Equal(1u, r.K.Object(notification).CapCount);
        r.Ok(Syscall.CapDelete, Root, F + 2, D);
        Assert.False(r.K.Objects.IsLive(notification));
        Assert.True(r.K.Slot(r.K.IrqNodeSlot(5)).Cap.IsNull);
    }

    /// <summary>seL4 invokeTCB_ThreadControl derives the CSpace root into the TCB's CTable slot: revoking the
    /// capability it came from takes the thread's CSpace away (it used to keep it).</summary>
    [Fact]
    public void Revoking_the_configured_CSpace_root_takes_it_from_the_thread()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.CNode, F, 4);
        r.Create(ObjectType.Tcb, F + 1);
        r.Ok(Syscall.TcbConfigure, F + 1, 0, F, 0, 0, 0);
        uint thread = r.K.ThreadOf(r.Cap(F + 1));
        Assert.True(r.K.ThreadAt(thread).CSpaceRoot.Object.SameAs(r.Cap(F).Object));
        Assert.Equal(2u, r.K.Object(r.Cap(F).Object).CapCount);
        r.Ok(Syscall.CapRevoke, Root, F, D);
        Assert.True(r.K.ThreadAt(thread).CSpaceRoot.IsNull);
        Assert.Equal(1u, r.K.Object(r.Cap(F).Object).CapCount);
    }

    /// <summary>The TCB's copy counts: deleting the root CNode's own capability no longer destroys the root task's
    /// whole CSpace (its TCB holds a capability to it, as the root TCB's CTable slot does in seL4).</summary>
    [Fact]
    public void Deleting_the_root_CNode_capability_keeps_the_CSpace_a_thread_holds()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Notification, F);
        ObjectRef rootCNode = r.Cap(Root).Object;
        r.Ok(Syscall.CapDelete, Root, Root, D);
        Assert.True(r.K.Objects.IsLive(rootCNode));
        r.Ok(Syscall.EndpointCreate, r.Untyped, F + 1);
        Assert.Equal(CapType.Endpoint, r.Cap(F + 1).Type);
    }

    /// <summary>The IPC buffer is a frame capability in the TCB: revoking the frame's original capability takes the
    /// buffer away, so only register messages travel; destroying the thread deletes its three capabilities.</summary>
    [Fact]
    public void The_IPC_buffer_and_roots_are_capabilities_the_thread_holds_until_it_is_destroyed()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Tcb, F);
        r.GiveBuffer(F, F + 1, 0x7000_0000);
        uint thread = r.K.ThreadOf(r.Cap(F));
        ObjectRef frame = r.Cap(F + 1).Object;
        Assert.Equal(2u, r.K.Object(frame).CapCount);
        Assert.Equal(CapType.Frame, r.K.Slot(r.K.TcbSlot(thread, Kernel.TcbIpcBuffer)).Cap.Type);
        r.Ok(Syscall.CapRevoke, Root, F + 1, D);
        Assert.True(r.K.ThreadAt(thread).IpcBufferFrame.IsNone);
        r.Ok(Syscall.TcbConfigure, F, 0, Root, RootVSpace, 0x7000_0000, F + 1);
        uint rootCNodeCaps = r.K.Object(r.Cap(Root).Object).CapCount;
        r.Ok(Syscall.CapDelete, Root, F, D);
        Assert.Equal(1u, r.K.Object(frame).CapCount);
        Assert.Equal(rootCNodeCaps - 1, r.K.Object(r.Cap(Root).Object).CapCount);
        for (uint which = 0; which < Kernel.TcbSlotCount; which++) Assert.True(r.K.Slot(r.K.TcbSlot(thread, which)).Cap.IsNull);
    }
}
