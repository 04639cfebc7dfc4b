using System;
using Kaal.Model.Scenarios;
using Kaal.Tests.Shared.Allocation;
using Xunit;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// Zero managed allocation per syscall (issue 3): after boot and a warm-up, thousands of cycles of
/// Call/ReplyRecv round trips (one carrying a capability into the server's receive slot), Signal/Wait
/// between two threads, Signal/Poll, NB_SEND/NB_RECV, Yield, cap copy/mint/delete/revoke, an interrupt and
/// its ack, and timer ticks, all through the dispatcher, allocate not one managed byte (both invariant
/// checkers, run once per cycle, included).
/// </summary>
public sealed class ZeroAllocationPerSyscall
{
    private const ulong Root = BootInfo.RootCNodeSlot;
    private const ulong D = 64;
    private const ulong F = ScenarioSystem.FirstFreeSlot;
    private const ulong Endpoint = F, GrantEndpoint = F + 1, Notification = F + 2, BadgedNotification = F + 3, Handler = F + 4,
        Payload = F + 5, ServerTcb = F + 6, WaiterTcb = F + 7, RootFrame = F + 8, ServerFrame = F + 9, Scratch = F + 10, Received = F + 11, Quiet = F + 12;

    [Fact]
    public void Syscalls_allocate_nothing_after_warm_up()
    {
        var s = new ScenarioSystem(1);
        uint root = s.RootThread;
        Expect(s, s.Create(ObjectType.Endpoint, (uint)Endpoint));
        Expect(s, s.Sys(0, Syscall.CapMint, Root, GrantEndpoint, D, Root, Endpoint, D, (ulong)(CapRights.Write | CapRights.Grant), 0x11));
        Expect(s, s.Create(ObjectType.Notification, (uint)Notification));
        Expect(s, s.Sys(0, Syscall.CapMint, Root, BadgedNotification, D, Root, Notification, D, (ulong)CapRights.Write, 0x4));
        Expect(s, s.Sys(0, Syscall.IrqHandlerGet, BootInfo.IrqControlSlot, 7, Root, Handler, D));
        Expect(s, s.Sys(0, Syscall.IrqSetNotification, Handler, BadgedNotification));
        Expect(s, s.Create(ObjectType.Notification, (uint)Payload));
        Expect(s, s.Create(ObjectType.Endpoint, (uint)Quiet));
        Expect(s, s.Create(ObjectType.Frame4K, (uint)RootFrame));
        Expect(s, s.Create(ObjectType.Frame4K, (uint)ServerFrame));
        Expect(s, s.Sys(0, Syscall.TcbConfigure, BootInfo.InitialThreadSlot, 0, Root, BootInfo.InitialVSpaceSlot, 0x10_0000, RootFrame));
        uint server = s.Spawn((uint)ServerTcb, 200, 0);
        Expect(s, s.Sys(0, Syscall.TcbConfigure, ServerTcb, 0, Root, BootInfo.InitialVSpaceSlot, 0x20_0000, ServerFrame));
        ulong rootBuffer = s.Kernel.Object(s.Kernel.Slot(s.Kernel.RootSlot((uint)RootFrame)).Cap.Object).PhysAddr;
        ulong serverBuffer = s.Kernel.Object(s.Kernel.Slot(s.Kernel.RootSlot((uint)ServerFrame)).Cap.Object).PhysAddr;
        s.Machine.WriteWord(rootBuffer + IpcBuffer.FirstCapOrBadge * 8, Payload);
        s.Machine.WriteWord(serverBuffer + IpcBuffer.ReceiveCNode * 8, Root);
        s.Machine.WriteWord(serverBuffer + IpcBuffer.ReceiveIndex * 8, Received);
        s.Machine.WriteWord(serverBuffer + IpcBuffer.ReceiveDepth * 8, D);

        // The root steps below the server, which goes to receive; then the waiter (as important as the
        // root) waits on the notification. Both block and the root runs again.
        Expect(s, s.Sys(0, Syscall.TcbSetPriority, BootInfo.InitialThreadSlot, 100));
        Same(s.Current(0), server);
        s.Sys(0, Syscall.Recv, Endpoint);
        Same(s.Current(0), root);
        Expect(s, s.Sys(0, Syscall.TcbSetPriority, BootInfo.InitialThreadSlot, 255));
        uint waiter = s.Spawn((uint)WaiterTcb, 255, 0);
        Expect(s, s.Sys(0, Syscall.Yield));
        Same(s.Current(0), waiter);
        s.Sys(0, Syscall.Wait, Notification);
        Same(s.Current(0), root);
        KernelState.AssertInvariants(s.Kernel);

        var machine = RecordingMachine.Create();
        long allocated = SteadyStateAllocation.LeastBytesPerWindow(() => Cycle(s, ref machine, root, server, waiter), 200, 3000);

        KernelState.AssertInvariants(s.Kernel);
        Assert.Equal(0L, allocated);
    }

    /// <summary>About 25 kernel entries; leaves the kernel as it found it (root running, server in Recv, waiter in Wait).</summary>
    private static void Cycle(ScenarioSystem s, ref RecordingMachine machine, uint root, uint server, uint waiter)
    {
        Kernel k = s.Kernel;
        // Call/ReplyRecv round trip, the call carrying a capability the server deletes before answering.
        s.Sys(0, Syscall.Call, GrantEndpoint, MessageInfo.Make(3, 2, 1, 0), 10, 20);
        Same(s.Current(0), server);
        Same((ulong)MessageInfo.ExtraCaps(k.Register(server, 2)), 1);
        Expect(s, s.Sys(0, Syscall.CapDelete, Root, Received, D));
        s.Sys(0, Syscall.ReplyRecv, Endpoint, MessageInfo.Make(0, 1, 0, 0), 30);
        Same(s.Current(0), root);
        Same(k.Register(root, 3), 30);
        // A plain round trip.
        s.Sys(0, Syscall.Call, GrantEndpoint, MessageInfo.Make(4, 1, 0, 0), 40);
        s.Sys(0, Syscall.ReplyRecv, Endpoint, MessageInfo.Make(0, 1, 0, 0), 50);
        Same(s.Current(0), root);
        // Signal wakes the waiter (same priority: it queues); Yield lets it run and wait again.
        Expect(s, s.Sys(0, Syscall.Signal, BadgedNotification));
        Expect(s, s.Sys(0, Syscall.Yield));
        Same(s.Current(0), waiter);
        Same(k.Register(waiter, 1), 4);
        s.Sys(0, Syscall.Wait, Notification);
        Same(s.Current(0), root);
        // Signal/Poll, NB send with nobody waiting (dropped), NB receive of nothing.
        Expect(s, s.Sys(0, Syscall.Signal, Payload));
        Expect(s, s.Sys(0, Syscall.Poll, Payload));
        Same(k.Register(root, 1), 0);
        Expect(s, s.Sys(0, Syscall.NBSend, Quiet, MessageInfo.Make(1, 0, 0, 0)));
        Expect(s, s.Sys(0, Syscall.NBRecv, Quiet));
        Expect(s, s.Sys(0, Syscall.NBRecv, Payload));
        // Capability operations.
        Expect(s, s.Sys(0, Syscall.CapCopy, Root, Scratch, D, Root, Endpoint, D, (ulong)CapRights.Read));
        Expect(s, s.Sys(0, Syscall.CapDelete, Root, Scratch, D));
        Expect(s, s.Sys(0, Syscall.CapMint, Root, Scratch, D, Root, Payload, D, (ulong)CapRights.All, 0x99));
        Expect(s, s.Sys(0, Syscall.CapRevoke, Root, Payload, D));
        Expect(s, s.Sys(0, Syscall.Retype, s.UntypedSlot, (ulong)ObjectType.Endpoint, 0, Root, 0, 0, Scratch, 1));
        Expect(s, s.Sys(0, Syscall.CapDelete, Root, Scratch, D));
        // An interrupt signals the waiter's notification; the root acks it, the waiter takes it.
        k.HandleInterrupt(ref machine, 0, 7);
        Expect(s, s.Sys(0, Syscall.IrqAck, Handler));
        Expect(s, s.Sys(0, Syscall.Yield));
        Same(s.Current(0), waiter);
        s.Sys(0, Syscall.Wait, Notification);
        Same(s.Current(0), root);
        machine.Log.Clear();
        // Ticks: the root's timeslice runs out and it round-robins with nobody.
        for (int tick = 0; tick < 6; tick++) k.Tick(0);
        Same(s.Current(0), root);
        if (!k.CheckInvariants().IsNone || !k.CheckSchedulerInvariants().IsNone) throw new InvalidOperationException("invariant broken");
    }

    private static void Expect(ScenarioSystem s, ulong status)
    {
        if (status != 0) throw new InvalidOperationException($"syscall failed: {(KernelError)status} ({(ErrorReason)s.Kernel.Register(s.Current(0), 1)})");
    }

    private static void Same(ulong actual, ulong expected)
    {
        if (actual != expected) throw new InvalidOperationException($"expected {expected}, got {actual}");
    }
}
