namespace Kaal.Model.Scenarios;

/// <summary>
/// Scheduler, IPC and fault scenarios through the syscall dispatcher, the scenario playing each thread
/// when it is current. They need no user space, so the AArch64 self-test runs them on the CPU too.
/// </summary>
public static class ThreadScenarios
{
    private const uint F = ScenarioSystem.FirstFreeSlot;
    private const ulong Root = BootInfo.RootCNodeSlot;
    private const ulong D = ScenarioSystem.Depth;
    private const ulong Ok = 0;

    /// <summary>Two badged clients call one server, which answers with ReplyRecv.</summary>
    public static ushort CallReplyRecvPingPong()
    {
        var checks = new ScenarioChecks();
        var s = new ScenarioSystem(1);
        checks.That(s.Create(ObjectType.Endpoint, F) == Ok);
        checks.That(s.Sys(0, Syscall.CapMint, Root, F + 1, D, Root, F, D, (ulong)(CapRights.Write | CapRights.Grant), 0x11) == Ok);
        checks.That(s.Sys(0, Syscall.CapMint, Root, F + 2, D, Root, F, D, (ulong)(CapRights.Write | CapRights.Grant), 0x22) == Ok);
        uint server = s.Spawn(F + 10, 100, 0);
        uint first = s.Spawn(F + 11, 50, 0);
        uint second = s.Spawn(F + 12, 50, 0);
        checks.That(s.Sys(0, Syscall.TcbSuspend, BootInfo.InitialThreadSlot) == Ok);
        checks.That(s.Current(0) == server);
        s.Sys(0, Syscall.Recv, F);
        checks.That(s.Kernel.ThreadAt(server).State == ThreadState.BlockedOnReceive);
        checks.That(s.Current(0) == first);
        s.Sys(0, Syscall.Call, F + 1, MessageInfo.Make(7, 2, 0, 0), 100, 200);
        checks.That(s.Current(0) == server);
        checks.That(s.Reg(server, 0) == Ok && s.Reg(server, 1) == 0x11);
        checks.That(MessageInfo.Label(s.Reg(server, 2)) == 7 && MessageInfo.Length(s.Reg(server, 2)) == 2);
        checks.That(s.Reg(server, 3) == 100 && s.Reg(server, 4) == 200);
        s.Sys(0, Syscall.ReplyRecv, F, MessageInfo.Make(0, 1, 0, 0), 300);
        checks.That(s.Current(0) == first);
        checks.That(s.Reg(first, 0) == Ok && s.Reg(first, 3) == 300);
        checks.That(s.Sys(0, Syscall.Yield) == Ok);
        checks.That(s.Current(0) == second);
        s.Sys(0, Syscall.Call, F + 2, MessageInfo.Make(8, 1, 0, 0), 400);
        checks.That(s.Current(0) == server && s.Reg(server, 1) == 0x22 && s.Reg(server, 3) == 400);
        s.Sys(0, Syscall.ReplyRecv, F, MessageInfo.Make(0, 1, 0, 0), 401);
        checks.That(s.Current(0) == second && s.Reg(second, 3) == 401);
        checks.Invariants(s.Kernel);
        return checks.FirstFailedCheck;
    }

    /// <summary>A notification wakes its waiters in FIFO order; a signal with nobody waiting is kept.</summary>
    public static ushort NotificationWakeOrder()
    {
        var checks = new ScenarioChecks();
        var s = new ScenarioSystem(1);
        checks.That(s.Create(ObjectType.Notification, F) == Ok);
        checks.That(s.Sys(0, Syscall.CapMint, Root, F + 1, D, Root, F, D, (ulong)CapRights.Write, 0b100) == Ok);
        uint a = s.Spawn(F + 10, 30, 0);
        uint b = s.Spawn(F + 11, 30, 0);
        checks.That(s.Sys(0, Syscall.Signal, F + 1) == Ok);
        checks.That(s.Sys(0, Syscall.Signal, F + 1) == Ok);
        checks.That(s.Sys(0, Syscall.Poll, F) == Ok && s.Reg(s.RootThread, 1) == 0b100);
        checks.That(s.Sys(0, Syscall.Poll, F) == Ok && s.Reg(s.RootThread, 1) == 0);
        checks.That(s.Sys(0, Syscall.TcbSuspend, BootInfo.InitialThreadSlot) == Ok);
        checks.That(s.Current(0) == a);
        s.Sys(0, Syscall.Wait, F);
        checks.That(s.Current(0) == b);
        s.Sys(0, Syscall.Wait, F);
        checks.That(s.Current(0) == 0);
        checks.That(s.Kernel.ThreadAt(a).State == ThreadState.BlockedOnNotification);
        s.Kernel.Register(s.RootThread, 0) = 0;
        checks.That(s.Kernel.TcbResume(s.Kernel.Slot(s.Kernel.RootSlot(BootInfo.InitialThreadSlot)).Cap).IsOk);
        s.Kernel.ScheduleAllCores();
        checks.That(s.Current(0) == s.RootThread);
        checks.That(s.Sys(0, Syscall.Signal, F + 1) == Ok);
        checks.That(s.Kernel.ThreadAt(a).State == ThreadState.Ready && s.Kernel.ThreadAt(b).State == ThreadState.BlockedOnNotification);
        checks.That(s.Reg(a, 1) == 0b100);
        checks.That(s.Sys(0, Syscall.Signal, F + 1) == Ok);
        checks.That(s.Kernel.ThreadAt(b).State == ThreadState.Ready);
        checks.Invariants(s.Kernel);
        return checks.FirstFailedCheck;
    }

    /// <summary>A signal that wakes a more important thread preempts the signaller at once.</summary>
    public static ushort PriorityPreemption()
    {
        var checks = new ScenarioChecks();
        var s = new ScenarioSystem(1);
        checks.That(s.Create(ObjectType.Notification, F) == Ok);
        checks.That(s.Sys(0, Syscall.CapMint, Root, F + 1, D, Root, F, D, (ulong)CapRights.All, 5) == Ok);
        uint high = s.Spawn(F + 10, 20, 0);
        uint low = s.Spawn(F + 11, 10, 0);
        checks.That(s.Sys(0, Syscall.TcbSuspend, BootInfo.InitialThreadSlot) == Ok);
        checks.That(s.Current(0) == high);
        s.Sys(0, Syscall.Wait, F);
        checks.That(s.Current(0) == low);
        checks.That(s.Sys(0, Syscall.Signal, F + 1) == Ok);
        checks.That(s.Current(0) == high && s.Reg(high, 1) == 5);
        checks.That(s.Kernel.ThreadAt(low).State == ThreadState.Ready);
        checks.That(s.Kernel.ReadyQueueHead(0, 10) == low);
        checks.Invariants(s.Kernel);
        return checks.FirstFailedCheck;
    }

    /// <summary>Equal priorities share the core in timeslices of the configured ticks.</summary>
    public static ushort RoundRobinFairness()
    {
        var checks = new ScenarioChecks();
        var s = new ScenarioSystem(1);
        uint a = s.Spawn(F + 10, 10, 0);
        uint b = s.Spawn(F + 11, 10, 0);
        uint c = s.Spawn(F + 12, 10, 0);
        checks.That(s.Sys(0, Syscall.TcbSuspend, BootInfo.InitialThreadSlot) == Ok);
        uint ticks = KernelConfig.DefaultTimesliceTicks;
        uint[] order = new uint[6];
        for (int turn = 0; turn < 6; turn++)
        {
            order[turn] = s.Current(0);
            for (uint tick = 0; tick < ticks; tick++) s.Kernel.Tick(0);
        }
        checks.That(order[0] == a && order[1] == b && order[2] == c);
        checks.That(order[3] == a && order[4] == b && order[5] == c);
        for (uint tick = 0; tick + 1 < ticks; tick++) s.Kernel.Tick(0);
        checks.That(s.Current(0) == a);
        checks.Invariants(s.Kernel);
        return checks.FirstFailedCheck;
    }

    /// <summary>Two cores each run their own most important thread; waking one on the other core
    /// preempts only that core.</summary>
    public static ushort TwoCoresTwoPriorities()
    {
        var checks = new ScenarioChecks();
        var s = new ScenarioSystem(2);
        checks.That(s.Current(1) == 1);
        uint onCore1 = s.Spawn(F + 10, 50, 1);
        checks.That(s.Current(1) == onCore1);
        uint onCore0 = s.Spawn(F + 11, 40, 0);
        checks.That(s.Current(0) == s.RootThread);
        checks.That(s.Sys(0, Syscall.TcbSuspend, BootInfo.InitialThreadSlot) == Ok);
        checks.That(s.Current(0) == onCore0 && s.Current(1) == onCore1);
        checks.That(s.Sys(1, Syscall.Yield) == Ok);
        checks.That(s.Current(1) == onCore1);
        s.Kernel.Tick(1);
        checks.That(s.Current(0) == onCore0 && s.Current(1) == onCore1);
        checks.That(s.Sys(0, Syscall.TcbSetAffinity, F + 11, 1) == Ok);
        checks.That(s.Current(0) == 0 && s.Current(1) == onCore1);
        checks.That(s.Kernel.ThreadAt(onCore0).State == ThreadState.Ready && s.Kernel.ThreadAt(onCore0).Core == 1);
        checks.Invariants(s.Kernel);
        return checks.FirstFailedCheck;
    }

    /// <summary>A bad syscall with a fault endpoint becomes a fault message; the handler's reply restarts
    /// the thread at a new program counter. Without one the thread is parked and the machine told.</summary>
    public static ushort FaultHandling()
    {
        var checks = new ScenarioChecks();
        var s = new ScenarioSystem(1);
        checks.That(s.Create(ObjectType.Endpoint, F) == Ok);
        checks.That(s.Sys(0, Syscall.CapMint, Root, F + 1, D, Root, F, D, (ulong)CapRights.All, 0x77) == Ok);
        uint handler = s.Spawn(F + 10, 100, 0);
        uint faulty = s.Spawn(F + 11, 50, 0);
        uint orphan = s.Spawn(F + 12, 40, 0);
        checks.That(s.Sys(0, Syscall.TcbConfigure, F + 11, F + 1, Root, BootInfo.InitialVSpaceSlot, 0, 0) == Ok);
        checks.That(s.Sys(0, Syscall.TcbSuspend, BootInfo.InitialThreadSlot) == Ok);
        s.Sys(0, Syscall.Recv, F);
        checks.That(s.Current(0) == faulty);
        s.Kernel.Register(faulty, UserContext.Pc) = 0x40_1000;
        s.Sys(0, (Syscall)0x999);
        checks.That(s.Current(0) == handler);
        checks.That(s.Reg(handler, 1) == 0x77);
        checks.That(MessageInfo.Label(s.Reg(handler, 2)) == (ulong)FaultKind.UnknownSyscall);
        checks.That(s.Reg(handler, 3) == 0x40_1000 && s.Reg(handler, 4) == 0x999);
        checks.That(s.Kernel.ThreadAt(faulty).State == ThreadState.BlockedOnReply);
        s.Sys(0, Syscall.ReplyRecv, F, MessageInfo.Make(0, 1, 0, 0), 0x40_2000);
        checks.That(s.Current(0) == faulty && s.Reg(faulty, UserContext.Pc) == 0x40_2000);
        checks.That(s.Sys(0, Syscall.TcbSuspend, F + 11) == Ok);
        checks.That(s.Current(0) == orphan);
        s.Sys(0, (Syscall)0x998);
        checks.That(s.Kernel.ThreadAt(orphan).State == ThreadState.Faulted);
        checks.That(s.Machine.UnhandledFaults == 1 && s.Machine.LastFaultThread == orphan);
        checks.That(s.Current(0) == 0);
        checks.Invariants(s.Kernel);
        return checks.FirstFailedCheck;
    }
}
