using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Model.Tests.Properties;
using Xunit;
using Kaal.Tests.Shared;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// Authority confinement (issue 3), checked after every step of random syscall sequences.
///
/// World: the root thread builds 2..4 threads, each with its own CSpace (PROCESS_CREATE: its own radix-6
/// CNode) holding its own CNode and, at setup, a random selection of capabilities given with CAP_INSERT_INTO
/// (endpoints with and without Grant, badged ones, notifications, an untyped of its own, its own TCB); then the
/// root suspends itself for good (no thread holds its TCB, so it never acts again and is not part of the check).
///
/// Reach(t): the objects named by the capabilities in the CNodes thread t reaches from its CSpace root through
/// CNode capabilities, the root CNode included. Objects are identified by table index and generation, so a
/// destroyed object's successor is a different object.
///
/// Property: in a step in which thread A makes a syscall, a thread t may reach afterwards only objects it was
/// allowed (everything it ever reached, starting with its reach after setup) plus what this step could
/// legitimately give it:
///   (1) A itself: any object created in this step (retyped from an untyped A reaches);
///   (2) explicit Grant transfer: if t received a message in this step (it was blocked receiving or waiting for
///       a reply and woke, or it is A receiving with RECV/NB_RECV/REPLY_RECV), everything reached before the step by
///       each thread that sent in this step with the right to grant: A sending (SEND/NB_SEND/CALL) through an
///       endpoint capability with Grant, A replying (REPLY/REPLY_RECV) with a reply right that may grant, or a
///       thread blocked sending with Grant whose message was taken in this step;
///   (3) A holding t's TCB capability: everything A reached (TCB_CONFIGURE sets t's CSpace root to a CNode A
///       holds, CAP_INSERT_INTO copies a capability A holds into t's CSpace);
///   (4) sharing: if t and u reached a common CNode before the step, whatever u may gain (1-3, and, if u is A,
///       everything A reached: A can copy it into the shared CNode), transitively.
/// Steps without a syscall (timer ticks, interrupts, user faults, writes to an IPC buffer) give nobody anything.
/// In short: no thread ever gains a capability to an existing object except through an explicit transfer from a
/// thread that held one. The checked threads are those alive after setup (a thread created later starts with
/// whatever its creator gave it, by (3)/(4)); all threads count as senders and sharers.
/// </summary>
public sealed class AuthorityConfinementProperty(ITestOutputHelper output)
{
    private static readonly WorldSpec DefaultWorld = new(1, null, new[]
    {
        new ChildSpec(100, 0, true, 6, 0b111111111, false, true, 48, 2),
        new ChildSpec(100, 0, true, 6, 0b000000011, false, true, 49, 24),
    });

    [Fact]
    public void No_thread_gains_authority_except_through_explicit_transfer_from_a_holder()
    {
        Coverage coverage = Coverage.Of(output, nameof(No_thread_gains_authority_except_through_explicit_transfer_from_a_holder), 0x6b61616c_0302, 300,
            SyscallGen.Sequence(separateCSpaces: true, maxLength: 120), Run);
        coverage.RequireAtLeast(3, "existing object gained through an explicit transfer", "Grant-capable message delivered", "Grant-less send with extra caps",
            "created objects", "checked steps");
    }

    private readonly record struct ThreadId(uint Index, uint Generation);

    private static void Run(OpSequence sequence, Coverage coverage)
    {
        IReadOnlyList<Op> ops = sequence.Ops;
        WorldSpec spec = SyscallGen.SpecOf(sequence, DefaultWorld);
        var world = new SyscallWorld(spec);
        Kernel k = world.Kernel;
        uint root = world.RootThread;
        var allowed = new Dictionary<ThreadId, HashSet<(uint, uint)>>();
        foreach (uint child in world.Children)
        {
            allowed[Id(k, child)] = KernelState.Reach(k, k.ThreadAt(child).CSpaceRoot);
        }

        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            if (op is SetupOp) continue;
            // Before the step.
            List<uint> threads = LiveThreads(k, root);
            var reachBefore = threads.ToDictionary(t => t, t => KernelState.Reach(k, k.ThreadAt(t).CSpaceRoot));
            var stateBefore = threads.ToDictionary(t => t, t => k.ThreadAt(t));
            var liveBefore = LiveObjects(k);
            uint actor = op is SysOp s0 ? world.Actor(s0.Core) : ThreadEntry.None;
            bool actorSendsWithGrant = false;
            if (actor != ThreadEntry.None && op is SysOp s1)
            {
                Syscall number = (Syscall)s1.Number;
                if (number is Syscall.Send or Syscall.NBSend or Syscall.Call)
                {
                    SlotLookup lookup = k.ResolveAddressBits(k.ThreadAt(actor).CSpaceRoot, s1.Args[0], 64);
                    Capability cap = lookup.IsOk ? k.Slot(lookup.Slot).Cap : default;
                    actorSendsWithGrant = cap.Type == CapType.Endpoint && (cap.Rights & CapRights.Grant) != 0;
                    if (!actorSendsWithGrant && MessageInfo.ExtraCaps(s1.Args[1]) > 0) coverage.Hit("Grant-less send with extra caps");
                }
                if (number is Syscall.Reply or Syscall.ReplyRecv)
                {
                    actorSendsWithGrant = k.CallerOf(actor) != ThreadEntry.None && k.ReplyCanGrant(actor);
                }
            }

            try
            {
                world.Apply(op);
            }
            catch (KernelPanicException panic)
            {
                throw new PropertyViolation(SyscallPropertyTests.Where(ops, i, $"kernel assertion: {panic.Message}"));
            }
            string? violation = KernelState.Violation(k);
            if (violation is not null) throw new PropertyViolation(SyscallPropertyTests.Where(ops, i, violation));
            if (k.ThreadAt(root).State != ThreadState.Inactive) throw new PropertyViolation(SyscallPropertyTests.Where(ops, i, "the root thread left Inactive"));
            coverage.Hit("checked steps");

            // What this step may give (see the class comment).
            var created = new HashSet<(uint, uint)>(LiveObjects(k));
            created.ExceptWith(liveBefore);
            if (created.Count > 0) coverage.Hit("created objects");
            var potential = threads.ToDictionary(t => t, _ => new HashSet<(uint, uint)>());
            if (actor != ThreadEntry.None && potential.ContainsKey(actor))
            {
                potential[actor].UnionWith(created);
                potential[actor].UnionWith(reachBefore[actor]);
                // (3) TCB capabilities the actor holds.
                foreach ((uint index, uint generation) in reachBefore[actor])
                {
                    ref KernelObject o = ref k.Objects[index];
                    bool wasTcb = stateBefore.Keys.Any(t => stateBefore[t].Tcb.Index == index && stateBefore[t].Tcb.Generation == generation);
                    if (!wasTcb) continue;
                    uint target = stateBefore.First(t => stateBefore[t.Key].Tcb.Index == index && stateBefore[t.Key].Tcb.Generation == generation).Key;
                    potential[target].UnionWith(reachBefore[actor]);
                }
                // (2) Grant transfers.
                var senders = new List<uint>();
                if (actorSendsWithGrant) senders.Add(actor);
                foreach (uint t in threads)
                {
                    if (stateBefore[t].State == ThreadState.BlockedOnSend && stateBefore[t].SendCanGrant && !stateBefore[t].FaultPending &&
                        k.ThreadAt(t).State != ThreadState.BlockedOnSend)
                    {
                        senders.Add(t);
                    }
                }
                var receivers = new List<uint>();
                Syscall number = (Syscall)((SysOp)op).Number;
                if (number is Syscall.Recv or Syscall.NBRecv or Syscall.ReplyRecv) receivers.Add(actor);
                foreach (uint t in threads)
                {
                    ThreadState was = stateBefore[t].State;
                    if (t != actor && (was == ThreadState.BlockedOnReceive || was == ThreadState.BlockedOnReply) && k.ThreadAt(t).State != was) receivers.Add(t);
                }
                if (senders.Count > 0 && receivers.Count > 0) coverage.Hit("Grant-capable message delivered");
                foreach (uint sender in senders)
                {
                    foreach (uint receiver in receivers)
                    {
                        if (sender != receiver) potential[receiver].UnionWith(reachBefore[sender]);
                    }
                }
            }
            // (4) Sharing, to a fixpoint.
            var cnodesBefore = threads.ToDictionary(t => t, t => reachBefore[t].Where(o => IsCNode(k, o, liveBefore)).ToHashSet());
            for (bool changed = true; changed;)
            {
                changed = false;
                foreach (uint t in threads)
                {
                    foreach (uint u in threads)
                    {
                        if (t == u || !cnodesBefore[t].Overlaps(cnodesBefore[u])) continue;
                        int count = potential[t].Count;
                        potential[t].UnionWith(potential[u]);
                        changed |= potential[t].Count != count;
                    }
                }
            }

            // The check, for the threads alive since setup.
            foreach (uint t in threads)
            {
                if (!allowed.TryGetValue(Id(k, t), out HashSet<(uint, uint)>? mayReach)) continue;
                HashSet<(uint, uint)> reachAfter = KernelState.Reach(k, k.ThreadAt(t).CSpaceRoot);
                foreach ((uint, uint) o in reachAfter)
                {
                    if (mayReach.Contains(o)) continue;
                    if (!potential[t].Contains(o))
                    {
                        throw new PropertyViolation(SyscallPropertyTests.Where(ops, i,
                            $"thread {t} gained object {o.Item1}/{o.Item2} ({k.Objects[o.Item1].Kind}) without an explicit transfer from a holder " +
                            $"(actor {(actor == ThreadEntry.None ? "none" : actor.ToString())})"));
                    }
                    if (!created.Contains(o)) coverage.Hit("existing object gained through an explicit transfer");
                }
                mayReach.UnionWith(reachAfter);
            }
        }
    }

    private static ThreadId Id(Kernel k, uint thread) => new(thread, k.ThreadAt(thread).Generation);

    /// <summary>Threads with a TCB, the root thread (suspended for good) left out.</summary>
    private static List<uint> LiveThreads(Kernel k, uint root)
    {
        var threads = new List<uint>();
        for (uint t = (uint)k.CoreCount; t < k.Threads.Capacity; t++)
        {
            if (t != root && !k.ThreadAt(t).Tcb.IsNone) threads.Add(t);
        }
        return threads;
    }

    private static HashSet<(uint, uint)> LiveObjects(Kernel k)
    {
        var live = new HashSet<(uint, uint)>();
        for (uint i = 0; i < k.Objects.Capacity; i++)
        {
            if (k.Objects[i].Kind != CapType.Null) live.Add((i, k.Objects[i].Generation));
        }
        return live;
    }

    private static bool IsCNode(Kernel k, (uint Index, uint Generation) o, HashSet<(uint, uint)> liveBefore) =>
        liveBefore.Contains(o) && k.Objects[o.Index].Generation == o.Generation && k.Objects[o.Index].Kind == CapType.CNode;
}
