using Kaal.Model.Tests.Syscalls;
using Xunit;

namespace Kaal.Model.Tests.FastPath;

/// <summary>
/// Each fast path taken where it applies, and each of its conditions failing on its own, which must hand the
/// syscall to the general path. Every step runs on a kernel with fast paths and one without
/// (<see cref="TwinWorlds"/>); after every step the two must be in the same state, so a fall-through that
/// changed something first, or a fast path that leaves a different state, fails here too.
/// The world: one core (two where a test says so); the root thread at 100; T0 at 150, T1 at 50 (its faults go
/// to endpoint B), T2 at 100, all sharing the root CSpace (<see cref="SyscallWorld"/> has the slot layout).
/// After set-up T0 runs.
/// </summary>
public sealed class FastPathConditionTests
{
    private const ulong A = SyscallWorld.EndpointA, B = SyscallWorld.EndpointB, BadgedA = SyscallWorld.BadgedA;
    private const ulong NA = SyscallWorld.NotificationA, NB = SyscallWorld.NotificationB, BadgedNA = SyscallWorld.BadgedNotification;
    private const ulong Root = SyscallWorld.Root, D = SyscallWorld.D;
    private const ulong RootTcb = BootInfo.InitialThreadSlot, T0Tcb = 52, T1Tcb = 55, T2Tcb = 58;
    /// <summary>Free root slots for capabilities a test makes.</summary>
    private const ulong Spare = 62, Spare2 = 63;

    private static readonly ulong Register2 = MessageInfo.Make(3, 2, 0, 0);

    private sealed class Rig
    {
        public Rig(int cores = 1, int t0Core = 0)
        {
            Twins = new TwinWorlds(new WorldSpec(cores, 100, new[]
            {
                new ChildSpec(150, t0Core, false, 6, 0, false, true, 48, 2),
                new ChildSpec(50, 0, false, 6, 0, true, true, 49, 2),
                new ChildSpec(100, 0, false, 6, 0, false, false, 50, 2),
            }));
            Same("set-up");
            T0 = Twins.Fast.Children[0];
            T1 = Twins.Fast.Children[1];
            T2 = Twins.Fast.Children[2];
        }

        public TwinWorlds Twins { get; }

        public Kernel K => Twins.Kernel;

        public uint RootThread => Twins.Fast.RootThread;

        public uint T0 { get; }

        public uint T1 { get; }

        public uint T2 { get; }

        public uint Current(int core = 0) => K.Core(core).Current;

        /// <summary>The current thread of <paramref name="core"/> makes the syscall; true if a fast path took it.</summary>
        public bool Sys(int core, Syscall number, params ulong[] args)
        {
            bool fast = Twins.Sys(core, number, args);
            Same(number.ToString());
            return fast;
        }

        public bool Sys(Syscall number, params ulong[] args) => Sys(0, number, args);

        /// <summary>A syscall the general path must handle.</summary>
        public void General(Syscall number, params ulong[] args) => Assert.False(Sys(number, args), $"{number} took a fast path");

        public void General(int core, Syscall number, params ulong[] args) => Assert.False(Sys(core, number, args), $"{number} took a fast path");

        public void Fast(Syscall number, params ulong[] args) => Assert.True(Sys(number, args), $"{number} did not take a fast path");

        public void Interrupt(uint irq)
        {
            Twins.Apply(new InterruptOp(0, irq));
            Same($"IRQ {irq}");
        }

        public void Fault(int core)
        {
            Twins.Apply(new UserFaultOp(core, FaultKind.VmFault, 0xdead_0000));
            Same("fault");
        }

        public ulong Reg(uint thread, int register) => K.Register(thread, register);

        private void Same(string step)
        {
            string? difference = Twins.Difference();
            Assert.True(difference is null, $"after {step}: {difference}");
            Assert.Equal(0UL, Twins.Slow.Kernel.FastPathsTaken);
            KernelState.AssertInvariants(K);
        }

        /// <summary>T0 waits on endpoint A, so the root thread (first at 100) runs.</summary>
        public void ServerWaits()
        {
            Assert.Equal(T0, Current());
            General(Syscall.Recv, A);
            Assert.Equal(RootThread, Current());
        }

        /// <summary>T0 waits on endpoint A; the root thread calls it on the fast path, so T0 runs owing it a reply.</summary>
        public void ServerCalled()
        {
            ServerWaits();
            Fast(Syscall.Call, A, Register2, 0x11, 0x22);
            Assert.Equal(T0, Current());
        }
    }

    // ---- Call ---------------------------------------------------------------------------------------------

    [Fact]
    public void Call_to_a_waiting_more_important_server_switches_to_it_with_the_message()
    {
        var r = new Rig();
        r.ServerWaits();
        r.Fast(Syscall.Call, BadgedA, Register2, 0x11, 0x22, 0x33);
        Assert.Equal(r.T0, r.Current());
        Assert.Equal(ThreadState.BlockedOnReply, r.K.ThreadAt(r.RootThread).State);
        Assert.Equal(0UL, r.Reg(r.T0, 0));
        Assert.Equal(1UL, r.Reg(r.T0, 1));
        Assert.Equal(MessageInfo.Make(3, 2, 0, 0), r.Reg(r.T0, 2));
        Assert.Equal(0x11UL, r.Reg(r.T0, 3));
        Assert.Equal(0x22UL, r.Reg(r.T0, 4));
    }

    [Fact]
    public void Call_to_a_server_as_important_as_the_best_ready_thread_takes_the_fast_path()
    {
        var r = new Rig();
        r.ServerWaits();
        r.General(Syscall.TcbSetPriority, T0Tcb, 100);
        r.Fast(Syscall.Call, A, Register2, 1, 2);
        Assert.Equal(r.T0, r.Current());
    }

    [Fact]
    public void Call_with_a_capability_in_the_message_takes_the_general_path()
    {
        var r = new Rig();
        r.ServerWaits();
        r.General(Syscall.Call, A, MessageInfo.Make(0, 1, 1, 0), 5);
    }

    [Fact]
    public void Call_with_more_message_registers_than_CPU_registers_takes_the_general_path()
    {
        var r = new Rig();
        r.ServerWaits();
        r.General(Syscall.Call, A, MessageInfo.Make(0, 5, 0, 0), 5);
    }

    [Theory]
    [InlineData(61UL)] // an empty slot
    [InlineData(NA)] // a notification
    [InlineData(1UL << 40)] // a guard mismatch
    public void Call_on_something_other_than_an_endpoint_takes_the_general_path(ulong cptr)
    {
        var r = new Rig();
        r.ServerWaits();
        r.General(Syscall.Call, cptr, Register2);
        Assert.NotEqual(0UL, r.Reg(r.RootThread, 0));
    }

    [Theory]
    [InlineData(CapRights.Read | CapRights.Write)] // neither Grant nor GrantReply
    [InlineData(CapRights.Read | CapRights.Grant | CapRights.GrantReply)] // no Write
    public void Call_without_the_rights_to_call_takes_the_general_path(CapRights rights)
    {
        var r = new Rig();
        r.ServerWaits();
        r.General(Syscall.CapCopy, Root, Spare, D, Root, A, D, (ulong)rights);
        r.General(Syscall.Call, Spare, Register2);
        Assert.Equal((ulong)KernelError.InvalidCapability, r.Reg(r.RootThread, 0));
    }

    [Fact]
    public void Call_with_no_receiver_waiting_takes_the_general_path()
    {
        var r = new Rig();
        r.General(Syscall.Call, A, Register2);
        Assert.Equal(ThreadState.BlockedOnSend, r.K.ThreadAt(r.T0).State);
    }

    [Fact]
    public void Call_to_a_receiver_on_another_core_takes_the_general_path()
    {
        var r = new Rig(cores: 2, t0Core: 1);
        Assert.Equal(r.T0, r.Current(1));
        r.General(1, Syscall.Recv, A);
        r.General(0, Syscall.Call, A, Register2);
        Assert.Equal(r.T0, r.Current(1));
    }

    /// <summary>The receiver (T1 at <paramref name="receiverPriority"/>) is less important than T2, ready at 100:
    /// the general path queues the receiver and runs T2. 50 sits in another word of the ready bitmap than 100, 90 in the same.</summary>
    [Theory]
    [InlineData(50)]
    [InlineData(90)]
    public void Call_to_a_receiver_less_important_than_a_ready_thread_takes_the_general_path(byte receiverPriority)
    {
        var r = new Rig();
        r.General(Syscall.TcbSetPriority, T1Tcb, receiverPriority);
        r.General(Syscall.TcbSuspend, T0Tcb);
        r.General(Syscall.TcbSuspend, T2Tcb);
        r.General(Syscall.Wait, NA); // the root thread waits; T1 runs
        Assert.Equal(r.T1, r.Current());
        r.General(Syscall.Recv, A); // T1 waits; nothing runs until the interrupt wakes the root thread
        r.Interrupt(SyscallWorld.IrqA);
        Assert.Equal(r.RootThread, r.Current());
        r.General(Syscall.TcbResume, T2Tcb);
        r.General(Syscall.Call, A, Register2);
        Assert.Equal(r.T2, r.Current());
        Assert.Equal(ThreadState.Ready, r.K.ThreadAt(r.T1).State);
    }

    [Fact]
    public void Call_through_a_two_level_cspace_with_bits_left_takes_the_fast_path()
    {
        var r = new Rig();
        r.General(Syscall.Wait, NB); // T0 waits; the root thread runs
        // T0's CSpace root: the root CNode with a 52-bit guard, so 6 bits are left for the radix-2 CNode in slot 47,
        // whose slot 1 holds endpoint A: T0 names it as 47 << 6 | 1 << 4 with 4 bits left over.
        r.General(Syscall.CapMint, Root, Spare, D, Root, Root, D, (ulong)CapRights.All, CapData.CNodeGuard(0, 52));
        r.General(Syscall.CapCopy, SyscallWorld.SpareCNode, 1, 2, Root, A, D, (ulong)CapRights.All);
        r.General(Syscall.Retype, 24, (ulong)ObjectType.CNode, 8, Root, 0, 0, Spare2, 1); // radix 8: more than the 6 bits left
        r.General(Syscall.CapCopy, Spare2, 0, 8, Root, A, D, (ulong)CapRights.All);
        r.General(Syscall.TcbConfigure, T0Tcb, 0, Spare, BootInfo.InitialVSpaceSlot, SyscallWorld.ChildBufferVaddr(0), 30);
        r.General(Syscall.Recv, A); // the root thread waits; T2 runs
        r.Interrupt(SyscallWorld.IrqB); // wakes T0
        Assert.Equal(r.T0, r.Current());
        r.Fast(Syscall.Call, (SyscallWorld.SpareCNode << 6) | (1 << 4) | 0b1010, Register2, 0x77, 0x78);
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(0x77UL, r.Reg(r.RootThread, 3));
        r.Fast(Syscall.ReplyRecv, A, 0); // the root thread answers; T0's plain cptr for A now names root slot 0, empty
        r.General(Syscall.Call, A, Register2);
        Assert.Equal((ulong)KernelError.InvalidCapability, r.Reg(r.T0, 0));
        r.General(Syscall.Call, Spare2 << 6, Register2);
        Assert.Equal((ulong)KernelError.FailedLookup, r.Reg(r.T0, 0));
    }

    // ---- ReplyRecv ----------------------------------------------------------------------------------------

    [Fact]
    public void ReplyRecv_to_a_waiting_caller_switches_to_it_with_the_reply_and_waits()
    {
        var r = new Rig();
        r.ServerCalled();
        r.Fast(Syscall.ReplyRecv, A, MessageInfo.Make(0, 1, 0, 0), 0x99);
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(ThreadState.BlockedOnReceive, r.K.ThreadAt(r.T0).State);
        Assert.Equal(0UL, r.Reg(r.RootThread, 0));
        Assert.Equal(0UL, r.Reg(r.RootThread, 1));
        Assert.Equal(MessageInfo.Make(0, 1, 0, 0), r.Reg(r.RootThread, 2));
        Assert.Equal(0x99UL, r.Reg(r.RootThread, 3));
        r.Fast(Syscall.Call, A, Register2, 1, 2); // and around again
        r.Fast(Syscall.ReplyRecv, A, 0);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 5)]
    public void ReplyRecv_with_capabilities_or_a_long_reply_takes_the_general_path(int extraCaps, int length)
    {
        var r = new Rig();
        r.ServerCalled();
        r.General(Syscall.ReplyRecv, A, MessageInfo.Make(0, length, extraCaps, 0));
    }

    [Theory]
    [InlineData(NA, CapRights.All)]
    [InlineData(A, CapRights.Write | CapRights.Grant)]
    public void ReplyRecv_on_something_it_cannot_receive_on_takes_the_general_path(ulong source, CapRights rights)
    {
        var r = new Rig();
        r.ServerCalled();
        r.General(Syscall.CapCopy, Root, Spare, D, Root, source, D, (ulong)rights);
        r.General(Syscall.ReplyRecv, Spare, 0);
        Assert.Equal((ulong)KernelError.InvalidCapability, r.Reg(r.T0, 0));
    }

    [Fact]
    public void ReplyRecv_with_nobody_to_reply_to_takes_the_general_path()
    {
        var r = new Rig();
        r.General(Syscall.ReplyRecv, A, 0);
        Assert.Equal(ThreadState.BlockedOnReceive, r.K.ThreadAt(r.T0).State);
    }

    [Fact]
    public void ReplyRecv_to_a_caller_that_stopped_waiting_takes_the_general_path()
    {
        var r = new Rig();
        r.ServerCalled();
        r.General(Syscall.TcbSuspend, RootTcb);
        r.General(Syscall.ReplyRecv, A, 0);
        Assert.Equal(ThreadState.Inactive, r.K.ThreadAt(r.RootThread).State);
    }

    [Fact]
    public void ReplyRecv_answering_a_fault_takes_the_general_path()
    {
        var r = new Rig();
        r.General(Syscall.Recv, B); // T0 handles T1's faults
        r.General(Syscall.TcbSuspend, T2Tcb);
        r.General(Syscall.Wait, NA); // the root thread waits; T1 runs and faults
        Assert.Equal(r.T1, r.Current());
        r.Fault(0);
        Assert.Equal(r.T0, r.Current());
        r.General(Syscall.ReplyRecv, B, 0);
        Assert.Equal(r.T1, r.Current());
    }

    [Fact]
    public void ReplyRecv_with_a_sender_queued_takes_the_general_path()
    {
        var r = new Rig();
        r.ServerCalled();
        r.General(Syscall.Wait, NB); // T0 keeps its reply right while it waits; T2 runs
        Assert.Equal(r.T2, r.Current());
        r.General(Syscall.Send, A, Register2, 5); // T2 queues on A
        r.Interrupt(SyscallWorld.IrqB);
        Assert.Equal(r.T0, r.Current());
        r.General(Syscall.ReplyRecv, A, 0);
        Assert.Equal(5UL, r.Reg(r.T0, 3));
    }

    [Fact]
    public void ReplyRecv_with_a_signal_pending_on_the_bound_notification_takes_the_general_path()
    {
        var r = new Rig();
        r.General(Syscall.TcbBindNotification, T0Tcb, NB);
        r.ServerCalled();
        r.Fast(Syscall.Signal, NB);
        r.General(Syscall.ReplyRecv, A, 0);
        Assert.Equal(r.T0, r.Current()); // it received the signal instead of blocking
        Assert.Equal(ThreadState.Running, r.K.ThreadAt(r.T0).State);
        Assert.Equal(ThreadState.Ready, r.K.ThreadAt(r.RootThread).State);
    }

    [Fact]
    public void ReplyRecv_to_a_caller_on_another_core_takes_the_general_path()
    {
        var r = new Rig(cores: 2, t0Core: 1);
        r.General(1, Syscall.Recv, A);
        r.General(0, Syscall.Call, A, Register2);
        Assert.Equal(r.T0, r.Current(1));
        r.General(1, Syscall.ReplyRecv, A, 0);
    }

    [Fact]
    public void ReplyRecv_to_a_caller_less_important_than_a_ready_thread_takes_the_general_path()
    {
        var r = new Rig();
        r.ServerCalled();
        r.General(Syscall.TcbSetPriority, T2Tcb, 120);
        r.General(Syscall.ReplyRecv, A, 0);
        Assert.Equal(r.T2, r.Current());
    }

    // ---- Notifications ------------------------------------------------------------------------------------

    [Fact]
    public void Signal_poll_and_wait_without_waking_anyone_take_the_fast_path()
    {
        var r = new Rig();
        r.ServerWaits();
        r.Fast(Syscall.Poll, NA);
        Assert.Equal(0UL, r.Reg(r.RootThread, 1));
        r.Fast(Syscall.Signal, BadgedNA);
        r.Fast(Syscall.Signal, NA);
        r.Fast(Syscall.Poll, NA);
        Assert.Equal(2UL, r.Reg(r.RootThread, 1));
        r.Fast(Syscall.Signal, BadgedNA);
        r.Fast(Syscall.Wait, NA);
        Assert.Equal(2UL, r.Reg(r.RootThread, 1));
        Assert.Equal(r.RootThread, r.Current());
    }

    [Fact]
    public void Signal_to_a_more_important_waiter_switches_to_it()
    {
        var r = new Rig();
        r.General(Syscall.Wait, NA); // T0 waits; the root thread runs
        r.Fast(Syscall.Signal, BadgedNA);
        Assert.Equal(r.T0, r.Current());
        Assert.Equal(2UL, r.Reg(r.T0, 1));
        Assert.Equal(r.RootThread, r.K.ReadyQueueHead(0, 100));
    }

    [Theory]
    [InlineData(100)] // as important as the signaller: it keeps running
    [InlineData(50)]
    public void Signal_to_a_waiter_not_more_important_takes_the_general_path(byte waiterPriority)
    {
        var r = new Rig();
        r.ServerWaits();
        r.General(Syscall.Yield); // T2 runs
        Assert.Equal(r.T2, r.Current());
        r.General(Syscall.Wait, NA);
        Assert.Equal(r.RootThread, r.Current());
        r.General(Syscall.TcbSetPriority, T2Tcb, waiterPriority);
        r.General(Syscall.Signal, NA);
        Assert.Equal(r.RootThread, r.Current());
    }

    [Fact]
    public void Signal_to_a_waiter_on_another_core_takes_the_general_path()
    {
        var r = new Rig(cores: 2, t0Core: 1);
        r.General(1, Syscall.Wait, NA);
        r.General(0, Syscall.Signal, NA);
        Assert.Equal(r.T0, r.Current(1));
    }

    [Fact]
    public void Signal_to_a_bound_thread_waiting_on_an_endpoint_takes_the_general_path()
    {
        var r = new Rig();
        r.General(Syscall.TcbBindNotification, T0Tcb, NB);
        r.ServerWaits();
        r.General(Syscall.Signal, NB);
        Assert.Equal(r.T0, r.Current());
    }

    [Theory]
    [InlineData(A, CapRights.All)]
    [InlineData(NA, CapRights.Read)]
    public void Signal_on_something_it_cannot_signal_takes_the_general_path(ulong source, CapRights rights)
    {
        var r = new Rig();
        r.General(Syscall.CapCopy, Root, Spare, D, Root, source, D, (ulong)rights);
        r.General(Syscall.Signal, Spare);
        Assert.Equal((ulong)KernelError.InvalidCapability, r.Reg(r.T0, 0));
    }

    [Fact]
    public void Wait_with_nothing_pending_takes_the_general_path_and_blocks()
    {
        var r = new Rig();
        r.General(Syscall.Wait, NA);
        Assert.Equal(ThreadState.BlockedOnNotification, r.K.ThreadAt(r.T0).State);
    }

    [Fact]
    public void Poll_on_a_notification_bound_to_another_thread_takes_the_general_path()
    {
        var r = new Rig();
        r.General(Syscall.TcbBindNotification, RootTcb, NB);
        r.General(Syscall.Poll, NB);
        Assert.Equal((ulong)KernelError.IllegalOperation, r.Reg(r.T0, 0));
        r.General(Syscall.TcbBindNotification, T0Tcb, NA);
        r.Fast(Syscall.Poll, NA); // bound to the poller itself
    }

    [Theory]
    [InlineData(BadgedNA, Syscall.Poll)] // Write only
    [InlineData(A, Syscall.Wait)]
    public void Poll_or_wait_on_something_it_cannot_wait_on_takes_the_general_path(ulong cptr, Syscall number)
    {
        var r = new Rig();
        r.General(number, cptr);
        Assert.Equal((ulong)KernelError.InvalidCapability, r.Reg(r.T0, 0));
    }

    [Fact]
    public void With_fast_paths_off_every_syscall_takes_the_general_path()
    {
        var world = new SyscallWorld(new WorldSpec(1, 100, new[] { new ChildSpec(150, 0, false, 6, 0, false, true, 48, 2) }), slowPathOnly: true);
        world.Apply(new SysOp(0, (ulong)Syscall.Recv, new ulong[] { A, 0, 0, 0, 0, 0, 0, 0 }));
        world.Apply(new SysOp(0, (ulong)Syscall.Call, new ulong[] { A, 0, 0, 0, 0, 0, 0, 0 }));
        world.Apply(new SysOp(0, (ulong)Syscall.ReplyRecv, new ulong[] { A, 0, 0, 0, 0, 0, 0, 0 }));
        world.Apply(new SysOp(0, (ulong)Syscall.Poll, new ulong[] { NA, 0, 0, 0, 0, 0, 0, 0 }));
        Assert.Equal(0UL, world.Kernel.FastPathsTaken);
        Assert.Equal(world.RootThread, world.Kernel.Core(0).Current);
        Assert.Equal(ThreadState.BlockedOnReceive, world.Kernel.ThreadAt(world.Children[0]).State);
    }
}
