using System.Runtime.CompilerServices;
using Xunit;
using static Kaal.Model.Tests.Syscalls.SyscallRig;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// The reply capability with seL4's non-MCS lifetime (Kaal.Model/Objects/Reply.cs; seL4 setupCallerCap and
/// deleteCallerCap in src/object/tcb.c, doReplyTransfer in src/kernel/thread.c, cancelIPC in src/object/endpoint.c):
/// a real capability in the receiver's caller slot, a child of the caller's master reply capability, used once,
/// and deleted whenever the caller stops waiting for it, so no reply capability ever names a thread that is not
/// blocked on reply. Before it was a capability, the reply right was a thread index the server kept after the
/// caller was suspended, destroyed or revoked, and revoke and the invariant checker never saw it.
/// </summary>
public sealed class ReplyCapabilityTests
{
    internal const ulong Endpoint = F;
    private const ulong Notification = F + 1;
    private static readonly ulong OneWord = MessageInfo.Make(0, 1, 0, 0);

    /// <summary>The root thread (the server, priority 255) waits on the endpoint; a thread of priority 100 at
    /// <paramref name="tcbSlot"/> Calls it, so the server runs holding a reply capability to that thread.</summary>
    internal static uint ServerCalledBy(SyscallRig r, ulong tcbSlot)
    {
        uint caller = r.Spawn(tcbSlot, 100);
        r.Sys(Syscall.Recv, Endpoint);
        Assert.Equal(caller, r.Current());
        r.Sys(Syscall.Call, Endpoint, OneWord, 111);
        Assert.Equal(r.RootThread, r.Current());
        return caller;
    }

    internal static SyscallRig RigWithEndpoint()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, Endpoint);
        r.Create(ObjectType.Notification, Notification);
        return r;
    }

    private static CapSlot CallerSlot(SyscallRig r, uint thread) => r.K.Slot(r.K.TcbSlot(thread, Kernel.TcbCaller));

    internal static CapSlot MasterSlot(SyscallRig r, uint thread) => r.K.Slot(r.K.TcbSlot(thread, Kernel.TcbReply));

    /// <summary>seL4 setupReplyMaster and setupCallerCap: every thread has a master reply capability, an original
    /// with no parent; a Call leaves the receiver a reply capability to the caller, the master's one child. It names
    /// a thread, not an object, so the caller's TCB counts no extra capability.</summary>
    [Fact]
    public void A_Call_leaves_the_receiver_a_reply_capability_under_the_callers_master()
    {
        var r = RigWithEndpoint();
        uint server = r.RootThread;
        uint caller = r.Spawn(F + 10, 100);
        uint tcbCapsBefore = r.K.Object(r.Cap(F + 10).Object).CapCount;
        CapSlot master = MasterSlot(r, caller);
        Assert.Equal(CapType.Reply, master.Cap.Type);
        Assert.True(master.IsOriginal);
        Assert.Equal(CapSlot.None, master.Parent);
        Assert.Equal(CapSlot.None, master.FirstChild);
        Assert.True(CallerSlot(r, server).Cap.IsNull);

        r.Sys(Syscall.Recv, Endpoint);
        r.Sys(Syscall.Call, Endpoint, OneWord, 111);
        CapSlot reply = CallerSlot(r, server);
        Assert.Equal(CapType.Reply, reply.Cap.Type);
        Assert.Equal(caller, (uint)reply.Cap.Data);
        Assert.False(reply.IsOriginal);
        Assert.Equal(r.K.TcbSlot(caller, Kernel.TcbReply), reply.Parent);
        Assert.Equal(r.K.TcbSlot(server, Kernel.TcbCaller), MasterSlot(r, caller).FirstChild);
        Assert.Equal(caller, r.K.CallerOf(server));
        Assert.Equal(server, r.K.ReplierTo(caller));
        Assert.Equal(tcbCapsBefore, r.K.Object(r.Cap(F + 10).Object).CapCount);
    }

    /// <summary>seL4 doReplyTransfer deletes the reply capability it used: a second Reply has nothing to answer.</summary>
    [Fact]
    public void A_reply_capability_answers_once()
    {
        var r = RigWithEndpoint();
        uint caller = ServerCalledBy(r, F + 10);
        r.Ok(Syscall.Reply, 0, OneWord, 333);
        Assert.Equal(333UL, r.Reg(caller, 3));
        Assert.True(CallerSlot(r, r.RootThread).Cap.IsNull);
        Assert.Equal(CapSlot.None, MasterSlot(r, caller).FirstChild);
        Assert.Equal(ThreadEntry.None, r.K.ReplierTo(caller));
        r.Ok(Syscall.Reply, 0, OneWord, 444);
        Assert.Equal(333UL, r.Reg(caller, 3));
    }

    /// <summary>seL4 cancelIPC (src/object/endpoint.c): suspending a thread blocked on reply deletes the reply
    /// capability to it, so the server's Reply does nothing and the thread stays suspended.</summary>
    [Fact]
    public void Suspending_the_caller_deletes_the_reply_capability_to_it()
    {
        var r = RigWithEndpoint();
        uint caller = ServerCalledBy(r, F + 10);
        r.Ok(Syscall.TcbSuspend, F + 10);
        Assert.Equal(ThreadEntry.None, r.K.CallerOf(r.RootThread));
        Assert.Equal(CapSlot.None, MasterSlot(r, caller).FirstChild);
        r.Ok(Syscall.Reply, 0, OneWord, 333);
        Assert.Equal(ThreadState.Inactive, r.State(caller));
        Assert.NotEqual(333UL, r.Reg(caller, 3));
    }

    /// <summary>Destroying the caller (deleting its last TCB capability) suspends it first (seL4 finaliseCap for a
    /// TCB), which deletes the reply capability to it: the server's slot is empty before the thread entry can be
    /// reused by a new thread.</summary>
    [Fact]
    public void Destroying_the_caller_deletes_the_reply_capability_to_it()
    {
        var r = RigWithEndpoint();
        uint caller = ServerCalledBy(r, F + 10);
        r.Ok(Syscall.CapDelete, Root, F + 10, D);
        Assert.True(r.K.ThreadAt(caller).Tcb.IsNone);
        Assert.True(CallerSlot(r, r.RootThread).Cap.IsNull);
        r.Ok(Syscall.Reply, 0, OneWord, 333);
        uint reused = r.Spawn(F + 11, 100);
        Assert.Equal(caller, reused);
        Assert.True(CallerSlot(r, r.RootThread).Cap.IsNull);
    }

    /// <summary>Revoking the Untyped capability a caller's TCB was made from destroys the caller, and with it the
    /// reply capability the server held: revoke reaches the reply capability through the caller's destruction.</summary>
    [Fact]
    public void Revoking_the_memory_a_caller_came_from_deletes_the_reply_capability_to_it()
    {
        var r = RigWithEndpoint();
        ulong childUntyped = F + 20;
        r.Ok(Syscall.Retype, r.Untyped, (ulong)ObjectType.Untyped, 16, Root, 0, 0, childUntyped, 1);
        r.Ok(Syscall.Retype, childUntyped, (ulong)ObjectType.Tcb, 0, Root, 0, 0, F + 10, 1);
        r.Ok(Syscall.TcbConfigure, F + 10, 0, Root, BootInfo.InitialVSpaceSlot, 0, 0);
        r.Ok(Syscall.TcbSetPriority, F + 10, 100);
        r.Ok(Syscall.TcbResume, F + 10);
        uint caller = r.K.ThreadOf(r.Cap(F + 10));
        r.Sys(Syscall.Recv, Endpoint);
        r.Sys(Syscall.Call, Endpoint, OneWord, 111);
        Assert.Equal(caller, r.K.CallerOf(r.RootThread));
        r.Ok(Syscall.CapRevoke, Root, childUntyped, D);
        Assert.True(r.K.ThreadAt(caller).Tcb.IsNone);
        Assert.Equal(ThreadEntry.None, r.K.CallerOf(r.RootThread));
    }

    /// <summary>Destroying the server deletes its caller slot (seL4 finalises the TCB's slots). seL4 leaves the
    /// caller blocked on reply with nobody able to answer it; KaaL ends its Call with InvalidCapability, reason
    /// ReplierDestroyed, so a client whose server died mid-request does not wait forever (a console line whose
    /// serial_driver was restarted while writing it). Without <c>ReleaseCallerOfDestroyed</c> the caller stays
    /// BlockedOnReply.</summary>
    [Fact]
    public void Destroying_the_server_ends_the_callers_call_with_ReplierDestroyed()
    {
        var r = RigWithEndpoint();
        uint server = r.Spawn(F + 11, 200);
        uint caller = r.Spawn(F + 10, 100);
        r.Sys(Syscall.Wait, Notification);
        Assert.Equal(server, r.Current());
        r.Sys(Syscall.Recv, Endpoint);
        Assert.Equal(caller, r.Current());
        r.Sys(Syscall.Call, Endpoint, OneWord, 111);
        Assert.Equal(caller, r.K.CallerOf(server));
        r.Ok(Syscall.Signal, Notification);
        Assert.Equal(r.RootThread, r.Current());
        r.Ok(Syscall.CapDelete, Root, F + 11, D);
        Assert.True(r.K.ThreadAt(server).Tcb.IsNone);
        Assert.Equal(ThreadState.Ready, r.State(caller));
        Assert.Equal((ulong)KernelError.InvalidCapability, r.Reg(caller, 0));
        Assert.Equal((ulong)ErrorReason.ReplierDestroyed, r.Reg(caller, 1));
        Assert.Equal(CapSlot.None, MasterSlot(r, caller).FirstChild);
    }

    /// <summary>A thread whose fault message its handler took stays blocked when the handler is destroyed, as in seL4:
    /// ending its "Call" would run it on at the faulting instruction; its supervisor decides what happens to it.</summary>
    [Fact]
    public void Destroying_a_fault_handler_leaves_the_faulted_thread_blocked()
    {
        var r = RigWithEndpoint();
        uint handler = r.Spawn(F + 11, 200);
        uint faulter = r.Spawn(F + 10, 100);
        r.Ok(Syscall.TcbConfigure, F + 10, Endpoint, Root, BootInfo.InitialVSpaceSlot, 0, 0);
        r.Sys(Syscall.Wait, Notification);
        r.Sys(Syscall.Recv, Endpoint);
        Assert.Equal(faulter, r.Current());
        r.K.HandleUserFault(ref r.S.Machine, 0, new FaultInfo(FaultKind.VmFault, 0x1234, 0xdead, 0));
        Assert.Equal(faulter, r.K.CallerOf(handler));
        r.Ok(Syscall.Signal, Notification);
        r.Ok(Syscall.CapDelete, Root, F + 11, D);
        Assert.Equal(ThreadState.BlockedOnReply, r.State(faulter));
        Assert.Equal(CapSlot.None, MasterSlot(r, faulter).FirstChild);
    }

    /// <summary>A fault message is a Call made for the faulting thread: the handler gets a reply capability to it,
    /// and its reply (label 0, MR0 = new program counter) restarts the thread and uses the capability up.</summary>
    [Fact]
    public void A_fault_handler_answers_through_a_reply_capability()
    {
        var r = RigWithEndpoint();
        uint faulter = r.Spawn(F + 10, 100);
        r.Ok(Syscall.TcbConfigure, F + 10, Endpoint, Root, BootInfo.InitialVSpaceSlot, 0, 0);
        r.Sys(Syscall.Recv, Endpoint);
        Assert.Equal(faulter, r.Current());
        r.K.HandleUserFault(ref r.S.Machine, 0, new FaultInfo(FaultKind.VmFault, 0x1234, 0xdead, 0));
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(faulter, r.K.CallerOf(r.RootThread));
        Assert.False(r.K.ReplyCanGrant(r.RootThread));
        r.Ok(Syscall.Reply, 0, OneWord, 0x4000);
        Assert.Equal(ThreadEntry.None, r.K.CallerOf(r.RootThread));
        Assert.Equal(0x4000UL, r.Reg(faulter, UserContext.Pc));
        Assert.Equal(ThreadState.Ready, r.State(faulter));
    }
    /// <summary>The invariant checker states the reply relations directly (Kernel.CheckReplySlots): a master with a
    /// child while its thread does not wait for a reply, and a reply capability naming its own holder, are each
    /// reported as ReplyLinkBroken at the slot.</summary>
    [Fact]
    public void The_invariant_checker_reports_broken_reply_links()
    {
        var r = RigWithEndpoint();
        uint server = r.RootThread;
        uint caller = ServerCalledBy(r, F + 10);
        Assert.True(r.K.CheckInvariants().IsNone);

        ref ThreadEntry callerEntry = ref Unsafe.AsRef(in r.K.ThreadAt(caller));
        callerEntry.State = ThreadState.Inactive;
        InvariantViolation waiting = r.K.CheckInvariants();
        Assert.Equal(InvariantKind.ReplyLinkBroken, waiting.Kind);
        Assert.Equal(r.K.TcbSlot(caller, Kernel.TcbReply), waiting.Slot);
        callerEntry.State = ThreadState.BlockedOnReply;

        ref CapSlot reply = ref Unsafe.AsRef(in r.K.Slot(r.K.TcbSlot(server, Kernel.TcbCaller)));
        Capability held = reply.Cap;
        reply.Cap = new Capability(CapType.Reply, CapRights.Grant, default, server, 0, 0);
        InvariantViolation self = r.K.CheckInvariants();
        Assert.Equal(InvariantKind.ReplyLinkBroken, self.Kind);
        Assert.Equal(r.K.TcbSlot(server, Kernel.TcbCaller), self.Slot);
        reply.Cap = held;
        Assert.True(r.K.CheckInvariants().IsNone);
    }
}
