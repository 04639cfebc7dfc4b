using System;
using System.Collections.Generic;
using Kaal.Model.Tests.Properties;
using Xunit;
using Kaal.Tests.Shared;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// Random syscall sequences from several threads never break an invariant (issue 3). A world (see
/// <see cref="SyscallWorld"/>) has 1 or 2 cores, the root thread and 2..4 more threads at various priorities,
/// sharing the root CSpace or with CNodes of their own, endpoints, notifications, IRQ handlers and IPC buffers.
/// Each step is one of: the current thread of a core makes a syscall (skipped if the core is idle) with
/// arguments shaped like the ABI's or wild (random cptrs, depths, rights, badges, types, numbers, unknown
/// syscall numbers); it writes a word of its IPC buffer; a timer tick; an interrupt; a user fault. After every
/// step both checkers pass: <see cref="Kernel.CheckInvariants"/> (the capability invariants of issue 1) and
/// <see cref="Kernel.CheckSchedulerInvariants"/> (each ready thread in exactly one ready queue, each blocked
/// thread in exactly one wait queue, on every core the running thread a highest-priority ready thread it may
/// run), and no kernel assertion fires. Failures shrink; the report prints the sequence one operation per line.
/// Seeds are fixed (KAAL_PROPERTY_SEED / KAAL_PROPERTY_TESTS as in <see cref="PropertyRunner"/>).
/// </summary>
public sealed class SyscallPropertyTests(ITestOutputHelper output)
{
    private static readonly WorldSpec DefaultWorld = new(1, 100, new[]
    {
        new ChildSpec(100, 0, false, 3, 0, false, true, 48, 2),
        new ChildSpec(50, 0, true, 6, 0b111111111, true, true, 49, 24),
    });

    [Fact]
    public void Random_syscall_sequences_keep_capability_and_scheduler_invariants()
    {
        Coverage coverage = Coverage.Of(output, nameof(Random_syscall_sequences_keep_capability_and_scheduler_invariants), 0x6b61616c_0301, 300,
            SyscallGen.Sequence(separateCSpaces: false, maxLength: 120), Run);
        coverage.RequireAtLeast(2,
            "Send Ok", "Recv Ok", "Call blocked", "Recv blocked", "Send blocked", "ReplyRecv Ok", "NBSend Ok", "NBRecv Ok", "Signal Ok", "Wait Ok", "Poll Ok",
            "CapCopy Ok", "CapMint Ok", "CapDelete Ok", "CapRevoke Ok", "Retype Ok", "TcbSetPriority Ok", "TcbSuspend Ok",
            "TcbResume Ok", "TcbSetAffinity Ok", "TcbBindNotification Ok", "CapInsertInto Ok",
            "thread woke from a wait", "cap transferred", "unknown syscall", "two cores", "own CSpace", "Send FailedLookup", "Call InvalidCapability");
    }

    /// <summary>Runs one sequence, checking both invariant checkers after every step.</summary>
    private static void Run(OpSequence sequence, Coverage coverage)
    {
        IReadOnlyList<Op> ops = sequence.Ops;
        WorldSpec spec = SyscallGen.SpecOf(sequence, DefaultWorld);
        var world = new SyscallWorld(spec);
        Kernel k = world.Kernel;
        if (spec.Cores > 1) coverage.Hit("two cores");
        if (Array.Exists(spec.Children, c => c.OwnCSpace)) coverage.Hit("own CSpace");
        var blocked = new bool[k.Threads.Capacity];
        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            if (op is SetupOp) continue;
            for (uint t = 0; t < blocked.Length; t++) blocked[t] = IsBlocked(k.ThreadAt(t).State);
            int capsBefore = CountCaps(k);
            uint actor;
            try
            {
                actor = world.Apply(op);
            }
            catch (KernelPanicException panic)
            {
                throw new PropertyViolation(Where(ops, i, $"kernel assertion: {panic.Message}"));
            }
            string? violation = KernelState.Violation(k);
            if (violation is not null) throw new PropertyViolation(Where(ops, i, violation));
            if (op is SysOp s && actor != ThreadEntry.None)
            {
                string name = Enum.IsDefined(typeof(Syscall), s.Number) ? ((Syscall)s.Number).ToString() : "unknown syscall";
                if (name == "unknown syscall") coverage.Hit(name);
                else if (k.ThreadAt(actor).State == ThreadState.Running || k.ThreadAt(actor).State == ThreadState.Ready) coverage.Hit($"{name} {(KernelError)k.Register(actor, 0)}");
                else coverage.Hit($"{name} blocked");
            }
            for (uint t = 0; t < blocked.Length; t++)
            {
                if (blocked[t] && !IsBlocked(k.ThreadAt(t).State) && !k.ThreadAt(t).Tcb.IsNone) coverage.Hit("thread woke from a wait");
            }
            if (op is SysOp { Number: (ulong)Syscall.Send or (ulong)Syscall.Call or (ulong)Syscall.NBSend or (ulong)Syscall.Recv or (ulong)Syscall.ReplyRecv or (ulong)Syscall.Reply }
                && CountCaps(k) > capsBefore)
            {
                coverage.Hit("cap transferred");
            }
        }
    }

    private static bool IsBlocked(ThreadState state) => state is ThreadState.BlockedOnSend or ThreadState.BlockedOnReceive or ThreadState.BlockedOnReply or ThreadState.BlockedOnNotification;

    private static int CountCaps(Kernel k)
    {
        int count = 0;
        for (uint i = 0; i < k.Slots.SlotCount; i++)
        {
            if (!k.Slots[i].Cap.IsNull) count++;
        }
        return count;
    }

    internal static string Where(IReadOnlyList<Op> ops, int index, string what) =>
        $"step {index + 1} of {ops.Count}: {ops[index]}\n{what}\n\nsequence up to the failing step:\n{OpSequence.Format(ops, index + 1)}";
}
