using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Kaal.Model.Tests.Properties;
using Kaal.Model.Tests.Syscalls;
using Xunit;
using Kaal.Tests.Shared;

namespace Kaal.Model.Tests.FastPath;

/// <summary>
/// The fast paths change nothing but speed: random sequences run on a kernel with fast paths and on one with
/// <see cref="KernelConfig.SlowPathOnly"/> (<see cref="TwinWorlds"/>), and after every operation (syscall, IPC
/// buffer write, tick, interrupt, user fault) the two have the same <see cref="Kernel.StateHash"/> (every table,
/// register, queue and core), the same machine memory and the same machine calls. Two generators: the general
/// syscall one (<see cref="SyscallGen"/>, every syscall with plausible and wild arguments) and one that mostly
/// makes IPC and notification syscalls shaped for the fast paths, mixed with priority changes, suspends,
/// affinity changes, notification binding, ticks and faults, so both the fast paths and each reason to fall
/// through happen often. Coverage is asserted so the generators cannot silently stop reaching the fast paths.
/// Seeds are fixed (KAAL_PROPERTY_SEED / KAAL_PROPERTY_TESTS as in <see cref="PropertyRunner"/>).
/// </summary>
public sealed class FastPathDifferentialTests(ITestOutputHelper output)
{
    private static readonly WorldSpec DefaultWorld = new(1, 100, new[]
    {
        new ChildSpec(150, 0, false, 6, 0, false, true, 48, 2),
        new ChildSpec(100, 0, true, 6, 0b111111111, true, true, 49, 24),
    });

    [Fact]
    public void Fast_path_shaped_sequences_reach_the_same_states_with_and_without_fast_paths()
    {
        Coverage coverage = Coverage.Of(output, nameof(Fast_path_shaped_sequences_reach_the_same_states_with_and_without_fast_paths), 0x6b61616c_0601, 300,
            FastPathGen.Sequence(maxLength: 150), Run);
        coverage.RequireAtLeast(20, "fast Call", "fast ReplyRecv", "fast Signal", "fast Signal switch", "fast Poll", "fast Wait",
            "general Call", "general ReplyRecv", "general Signal", "general Poll", "general Wait", "two cores", "own CSpace");
    }

    [Fact]
    public void General_syscall_sequences_reach_the_same_states_with_and_without_fast_paths()
    {
        Coverage coverage = Coverage.Of(output, nameof(General_syscall_sequences_reach_the_same_states_with_and_without_fast_paths), 0x6b61616c_0602, 200,
            SyscallGen.Sequence(separateCSpaces: false, maxLength: 120), Run);
        if (PropertyRunner.Exploring) return;
        Assert.True(coverage["fast Call"] + coverage["fast ReplyRecv"] + coverage["fast Signal"] + coverage["fast Poll"] >= 20, $"no fast paths reached: {coverage}");
    }

    private static ulong[] RegisterFile(Kernel kernel)
    {
        uint threads = kernel.Threads.Capacity;
        var words = new ulong[threads * UserContext.RegisterCount];
        for (uint thread = 0; thread < threads; thread++)
        {
            for (int register = 0; register < UserContext.RegisterCount; register++)
            {
                words[thread * UserContext.RegisterCount + register] = kernel.Register(thread, register);
            }
        }
        return words;
    }

    /// <summary>
    /// What a port's syscall fast entry relies on (Kernel.TryFastSyscall): a fast path writes only x0-x7 of any
    /// thread, never x8-x30, sp, pc or pstate; and when the caller stays current (CallerContinues), only the
    /// caller's x0-x7. Null if kept, else what changed.
    /// </summary>
    private static string? FastRegisterContractBroken(Kernel kernel, ulong[] before, uint caller, bool callerContinues)
    {
        ulong[] after = RegisterFile(kernel);
        for (int word = 0; word < after.Length; word++)
        {
            if (after[word] == before[word]) continue;
            uint thread = (uint)(word / UserContext.RegisterCount);
            int register = word % UserContext.RegisterCount;
            if (register >= 8 || (callerContinues && thread != caller))
            {
                return $"fast path changed thread {thread}'s register {register} (caller {caller}, continues: {callerContinues})";
            }
        }
        return null;
    }

    /// <summary>Runs one sequence on both kernels, comparing them after every step.</summary>
    private static void Run(OpSequence sequence, Coverage coverage)
    {
        IReadOnlyList<Op> ops = sequence.Ops;
        WorldSpec spec = SyscallGen.SpecOf(sequence, DefaultWorld);
        var twins = new TwinWorlds(spec);
        if (spec.Cores > 1) coverage.Hit("two cores");
        if (Array.Exists(spec.Children, c => c.OwnCSpace)) coverage.Hit("own CSpace");
        string? difference = twins.Difference();
        if (difference is not null) throw new PropertyViolation($"after setup ({spec}): {difference}");
        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            if (op is SetupOp) continue;
            uint actor = op is SysOp sys ? twins.Fast.Actor(sys.Core) : ThreadEntry.None;
            ulong[] registersBefore = RegisterFile(twins.Kernel);
            if (op is SysOp call && actor != ThreadEntry.None)
            {
                // What the driver writes before the svc (MakeSyscall): the arguments and the number.
                uint callerBlock = actor * UserContext.RegisterCount;
                for (int register = 0; register < 8; register++) registersBefore[callerBlock + register] = register < call.Args.Length ? call.Args[register] : 0;
                registersBefore[callerBlock + UserContext.X8] = call.Number;
            }
            bool fast;
            try
            {
                fast = twins.Apply(op);
            }
            catch (PropertyViolation panic)
            {
                throw new PropertyViolation(SyscallPropertyTests.Where(ops, i, panic.Message));
            }
            difference = twins.Difference();
            if (difference is not null) throw new PropertyViolation(SyscallPropertyTests.Where(ops, i, difference));
            if (fast && op is SysOp taken)
            {
                string? broken = FastRegisterContractBroken(twins.Kernel, registersBefore, actor, twins.Fast.Actor(taken.Core) == actor);
                if (broken is not null) throw new PropertyViolation(SyscallPropertyTests.Where(ops, i, broken));
            }
            if (op is SysOp s && actor != ThreadEntry.None && FastPathGen.FastPathSyscalls.Contains(s.Number))
            {
                string name = ((Syscall)s.Number).ToString();
                coverage.Hit($"{(fast ? "fast" : "general")} {name}");
                if (fast && s.Number == (ulong)Syscall.Signal && twins.Fast.Actor(s.Core) != actor) coverage.Hit("fast Signal switch");
            }
        }
    }
}

/// <summary>Sequences that keep the fast paths' conditions in play: IPC and notification syscalls on the world's
/// endpoints and notifications with messages that mostly fit in registers, and what breaks the conditions.</summary>
public static class FastPathGen
{
    public static readonly ulong[] FastPathSyscalls =
        { (ulong)Syscall.Call, (ulong)Syscall.ReplyRecv, (ulong)Syscall.Signal, (ulong)Syscall.Poll, (ulong)Syscall.Wait };

    /// <summary>Mostly a register-sized message without capabilities; sometimes a longer one or one with a capability.</summary>
    private static Gen<ulong> Tag =>
        from label in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 9]))
        from length in Gen.Frequency((8, Gen.Int[0, 4]), (1, Gen.Int[5, 8]))
        from caps in Gen.Frequency((8, Gen.Const(0)), (1, Gen.Const(1)))
        select MessageInfo.Make((ulong)label, length, caps, 0);

    private static Gen<ulong> Endpoint => Gen.Frequency((6, Gen.OneOf(SyscallWorld.EndpointA, SyscallWorld.EndpointA, SyscallWorld.BadgedA)),
        (2, Gen.OneOf(SyscallWorld.EndpointB, SyscallWorld.NoGrantA)), (1, SyscallGen.Cptr));

    private static Gen<ulong> Notification => Gen.Frequency((6, Gen.OneOf(SyscallWorld.NotificationA, SyscallWorld.BadgedNotification)),
        (3, Gen.Const(SyscallWorld.NotificationB)), (1, SyscallGen.Cptr));

    private static Gen<Op> Ipc(int maxCore) =>
        from core in Gen.Int[0, maxCore]
        from number in Gen.OneOf(Syscall.Call, Syscall.Call, Syscall.ReplyRecv, Syscall.ReplyRecv, Syscall.Recv, Syscall.Recv,
            Syscall.Send, Syscall.Reply, Syscall.NBRecv, Syscall.Signal, Syscall.Signal, Syscall.Wait, Syscall.Wait, Syscall.Poll, Syscall.Poll)
        from cptr in number is Syscall.Signal or Syscall.Wait or Syscall.Poll ? Notification
            : number == Syscall.Recv ? Gen.Frequency((4, Endpoint), (1, Notification)) : Endpoint
        from tag in Tag
        from words in SyscallGen.Word.Array[4]
        select (Op)new SysOp(core, (ulong)number, new[] { cptr, tag, words[0], words[1], words[2], words[3], 0UL, 0UL });

    /// <summary>What changes whether a fast path applies: priorities, affinity, suspend and resume, binding.</summary>
    private static Gen<Op> Scheduling(int maxCore) =>
        from core in Gen.Int[0, maxCore]
        from number in Gen.OneOf(Syscall.TcbSetPriority, Syscall.TcbSetPriority, Syscall.TcbSuspend, Syscall.TcbResume, Syscall.TcbResume,
            Syscall.TcbSetAffinity, Syscall.TcbBindNotification, Syscall.TcbBindNotification, Syscall.TcbUnbindNotification, Syscall.Yield)
        from tcb in SyscallGen.TcbCptr
        // Priorities on both sides of the bitmap's 64-priority words, so "a ready thread above" crosses words.
        from priority in Gen.Frequency((4, Gen.OneOf(10UL, 50UL, 60UL, 100UL, 120UL, 200UL)), (1, SyscallGen.Priority))
        from core2 in Gen.Int[0, maxCore]
        from notification in Gen.OneOf(SyscallWorld.NotificationB, SyscallWorld.NotificationB, SyscallWorld.NotificationA)
        select (Op)new SysOp(core, (ulong)number, new[]
        {
            tcb,
            number switch
            {
                Syscall.TcbSetPriority => priority,
                Syscall.TcbSetAffinity => (ulong)core2,
                Syscall.TcbBindNotification => notification,
                _ => 0UL,
            },
            0UL, 0UL, 0UL, 0UL, 0UL, 0UL,
        });

    /// <summary>A server loop: a Recv, then Calls and ReplyRecvs on the same endpoint by whichever threads run,
    /// which is where the round-trip fast paths apply when the priorities allow; now and then the server first
    /// signals NotificationB (which <see cref="Scheduling"/> binds to some threads), so a ReplyRecv finds it pending.</summary>
    private static Gen<Op[]> RoundTrips(int maxCore) =>
        from core in Gen.Int[0, maxCore]
        from endpoint in Gen.Frequency((4, Gen.Const(SyscallWorld.EndpointA)), (1, Gen.Const(SyscallWorld.EndpointB)))
        from pairs in Gen.Int[1, 4]
        from tags in Tag.Array[2 * pairs]
        from signals in Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true))).Array[pairs]
        from word in SyscallGen.Word
        select new[] { Call(core, Syscall.Recv, endpoint, 0, word) }
            .Concat(Enumerable.Range(0, 2 * pairs).SelectMany(i => i % 2 == 0
                ? new[] { Call(core, Syscall.Call, endpoint, tags[i], word + (ulong)i) }
                : (signals[i / 2] ? new[] { Call(core, Syscall.Signal, SyscallWorld.NotificationB, 0, 0) } : Array.Empty<Op>())
                    .Append(Call(core, Syscall.ReplyRecv, endpoint, tags[i], word + (ulong)i))))
            .ToArray();

    /// <summary>A waiter and signallers: a Wait, then Signals and Waits on the same notification by whichever
    /// threads run, where a signal wakes a waiter of some priority.</summary>
    private static Gen<Op[]> Signals(int maxCore) =>
        from core in Gen.Int[0, maxCore]
        from pairs in Gen.Int[1, 4]
        from badged in Gen.OneOf(false, true).Array[pairs]
        select new[] { Call(core, Syscall.Wait, SyscallWorld.NotificationA, 0, 0) }
            .Concat(Enumerable.Range(0, 2 * pairs).Select(i => i % 2 == 1 ? Call(core, Syscall.Wait, SyscallWorld.NotificationA, 0, 0)
                : Call(core, Syscall.Signal, badged[i / 2] ? SyscallWorld.BadgedNotification : SyscallWorld.NotificationA, 0, 0)))
            .ToArray();

    private static Op Call(int core, Syscall number, ulong cptr, ulong tag, ulong word) =>
        new SysOp(core, (ulong)number, new[] { cptr, tag, word, word + 1, 0UL, 0UL, 0UL, 0UL });

    private static Gen<Op[]> Operations(int maxCore) => Gen.Frequency(
        (12, Ipc(maxCore).Select(op => new[] { op })),
        (4, RoundTrips(maxCore)),
        (3, Signals(maxCore)),
        (3, Scheduling(maxCore).Select(op => new[] { op })),
        (3, SyscallGen.Operation(maxCore).Select(op => new[] { op })));

    public static Gen<OpSequence> Sequence(int maxLength) =>
        from separate in Gen.OneOf(false, false, true)
        from spec in SyscallGen.World(separate)
        from length in Gen.Int[1, maxLength]
        from chunks in Operations(spec.Cores - 1).Array[length]
        select new OpSequence(new Op[] { new SetupOp(spec) }.Concat(chunks.SelectMany(chunk => chunk)).Take(maxLength + 1).ToList());
}
