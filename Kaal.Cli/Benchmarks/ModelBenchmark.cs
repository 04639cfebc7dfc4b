using System;
using System.Diagnostics;
using Kaal.Model;

namespace Kaal.Cli.Benchmarks;

/// <summary>
/// Host-side throughput of the Model through the syscall dispatcher, the way a component drives it:
/// Call + ReplyRecv round trips between a client and a server, and Signal + Wait pairs between two
/// threads. Each figure is the best of several timed rounds after a warm-up (machines here are shared).
/// </summary>
internal sealed class ModelBenchmark
{
    private const uint EndpointSlot = 40;
    private const uint NotificationSlot = 41;
    private const uint FirstTcbSlot = 50;
    private const ulong Depth = 64;

    private readonly Kernel _kernel;
    private NullMachine _machine;

    public ModelBenchmark()
    {
        KernelConfig config = KernelConfig.Default() with { ObjectCapacity = 256, SlotPoolOrder = 10, RootCNodeRadix = 8, ThreadCapacity = 8 };
        _kernel = new Kernel(config);
        Expect(_kernel.Boot(new[] { new BootRegion(0x4000_0000, 16UL << 20, false) }, 1), "boot");
        Expect(_kernel.CreateRootThread(), "root thread");
        Retype(ObjectType.Endpoint, EndpointSlot);
        Retype(ObjectType.Notification, NotificationSlot);
    }

    public uint Current => _kernel.Core(0).Current;

    /// <summary>Round trips per second: a server at priority 100 answers a client at 50 with ReplyRecv.</summary>
    public double CallReplyRecvRoundTripsPerSecond(long roundTrips, int rounds)
    {
        uint server = Spawn(FirstTcbSlot, 100);
        uint client = Spawn(FirstTcbSlot + 1, 50);
        Sys(Syscall.TcbSuspend, BootInfo.InitialThreadSlot);
        Require(Current == server, "server runs first");
        Sys(Syscall.Recv, EndpointSlot);
        Require(Current == client, "client runs while the server waits");
        ulong callInfo = MessageInfo.Make(1, 2, 0, 0);
        ulong replyInfo = MessageInfo.Make(0, 1, 0, 0);
        double best = 0;
        for (int round = -1; round < rounds; round++)
        {
            long count = round < 0 ? roundTrips / 10 : roundTrips;
            var watch = Stopwatch.StartNew();
            for (long index = 0; index < count; index++)
            {
                Sys(Syscall.Call, EndpointSlot, callInfo, (ulong)index, 7);
                Sys(Syscall.ReplyRecv, EndpointSlot, replyInfo, (ulong)index + 1);
            }
            watch.Stop();
            Require(Current == client && _kernel.Register(client, 3) == (ulong)count, "the last reply reached the client");
            if (round >= 0) best = Math.Max(best, count / watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>Signal + Wait pairs per second: a waiter at priority 100 wakes for a signaller at 50.</summary>
    public double SignalWaitPairsPerSecond(long pairs, int rounds)
    {
        uint waiter = Spawn(FirstTcbSlot + 2, 100);
        uint signaller = Spawn(FirstTcbSlot + 3, 50);
        Sys(Syscall.TcbSuspend, BootInfo.InitialThreadSlot);
        Require(Current == waiter, "waiter runs first");
        Sys(Syscall.Wait, NotificationSlot);
        Require(Current == signaller, "signaller runs while the waiter waits");
        double best = 0;
        for (int round = -1; round < rounds; round++)
        {
            long count = round < 0 ? pairs / 10 : pairs;
            var watch = Stopwatch.StartNew();
            for (long index = 0; index < count; index++)
            {
                Sys(Syscall.Signal, NotificationSlot);
                Sys(Syscall.Wait, NotificationSlot);
            }
            watch.Stop();
            Require(Current == signaller, "the waiter is waiting again");
            if (round >= 0) best = Math.Max(best, count / watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    private uint Spawn(uint tcbSlot, ulong priority)
    {
        Retype(ObjectType.Tcb, tcbSlot);
        Require(Sys(Syscall.TcbConfigure, tcbSlot, 0, BootInfo.RootCNodeSlot, BootInfo.InitialVSpaceSlot, 0, 0) == 0, "configure");
        Require(Sys(Syscall.TcbSetPriority, tcbSlot, priority) == 0, "priority");
        uint thread = _kernel.ThreadOf(_kernel.Slot(_kernel.RootSlot(tcbSlot)).Cap);
        Require(Sys(Syscall.TcbResume, tcbSlot) == 0, "resume");
        return thread;
    }

    private void Retype(ObjectType type, uint slot)
    {
        ulong untyped = _kernel.LargestRamUntypedIndex();
        ulong status = Sys(Syscall.Retype, untyped, (ulong)type, 0, BootInfo.RootCNodeSlot, 0, 0, slot, 1);
        Require(status == 0, $"retype {type} into slot {slot} failed with {(KernelError)status}");
    }

    private ulong Sys(Syscall number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0, ulong a6 = 0, ulong a7 = 0) =>
        _kernel.MakeSyscall(ref _machine, 0, number, a0, a1, a2, a3, a4, a5, a6, a7);

    private static void Expect(KernelResult result, string what) =>
        Require(result.IsOk, $"{what} failed: {result.Error} ({result.Reason})");

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"benchmark setup broken: {what}");
    }
}
