using System.Collections.Generic;
using CsCheck;
using Kaal.Model.Tests.Properties;
using Xunit;
using Kaal.Tests.Shared;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// Authority confinement after revoke (issue 22). A random system (root plus 2..4 threads with CSpaces of their own,
/// IRQ handlers bound to notifications, IPC buffers) runs a random syscall sequence; then a random capability C that
/// has descendants is revoked (seL4 cteRevoke). Afterwards nothing derived from C remains or acts:
///   (1) every slot that held a descendant of C is empty, kernel-owned slots included (a TCB's CSpace root, VSpace
///       root or IPC buffer; an IRQ node's notification), and each affected thread's mirror agrees (no CSpace, no
///       address space, no buffer);
///   (2) an interrupt on a line whose notification capability descended from C signals nothing: the notification's
///       word, queue and bound thread are as they were;
///   (3) no thread is bound to, blocked on or holds a reply right that names a destroyed object, and both invariant
///       checkers pass.
/// Since a thread acts only through the capabilities its CSpace reaches and the kernel acts for it only through its
/// kernel-owned slots and the IRQ node, (1) means no thread can read, write, signal or receive through C's descendants.
/// </summary>
public sealed class RevokeConfinementProperty(ITestOutputHelper output)
{
    private static readonly WorldSpec DefaultWorld = new(1, null, new[]
    {
        new ChildSpec(100, 0, true, 6, 0b111111111, false, true, 48, 2),
        new ChildSpec(100, 0, true, 6, 0b000000011, false, true, 49, 24),
    });

    [Fact]
    public void After_revoke_nothing_derived_from_the_capability_remains_or_acts()
    {
        Gen<(OpSequence Sequence, uint Pick)> cases =
            from sequence in SyscallGen.Sequence(separateCSpaces: true, maxLength: 60)
            from pick in Gen.UInt
            select (sequence, pick);
        Coverage coverage = Coverage.Of(output, nameof(After_revoke_nothing_derived_from_the_capability_remains_or_acts), 0x6b61616c_2201, 200,
            cases, (c, counter) => Run(c.Sequence, c.Pick, counter));
        coverage.RequireAtLeast(3, "revoked a TCB slot", "revoked an IRQ node slot", "interrupt to a revoked notification");
    }

    private static void Run(OpSequence sequence, uint pick, Coverage coverage)
    {
        var world = new SyscallWorld(SyscallGen.SpecOf(sequence, DefaultWorld));
        Kernel k = world.Kernel;
        foreach (Op op in sequence.Ops)
        {
            if (op is not SetupOp) world.Apply(op);
        }
        List<uint> candidates = SlotsWithDescendants(k);
        if (candidates.Count == 0) return;
        uint target = candidates[(int)(pick % (uint)candidates.Count)];
        HashSet<uint> descendants = Descendants(k, target);
        var lines = new List<(uint Irq, ObjectRef Notification, string Before)>();
        for (uint irq = 0; irq < k.Config.IrqCount; irq++)
        {
            uint node = k.IrqNodeSlot(irq);
            if (!descendants.Contains(node)) continue;
            ObjectRef notification = k.Slot(node).Cap.Object;
            lines.Add((irq, notification, Describe(k, notification)));
            coverage.Hit("revoked an IRQ node slot");
        }
        foreach (uint slot in descendants)
        {
            if (slot >= k.Slots.KernelOwnedBase && slot < k.IrqNodeSlot(0)) coverage.Hit("revoked a TCB slot");
        }

        Assert.True(RevokeSlot(k, target).IsOk);
        // As at the end of the REVOKE syscall: destroying threads or endpoints may have woken or stopped threads.
        k.ScheduleAllCores();
        Check(KernelState.Violation(k) is null, KernelState.Violation(k) ?? "");
        foreach (uint slot in descendants) Check(k.Slot(slot).Cap.IsNull, $"slot {slot}, derived from {target}, still holds {KernelState.Cap(k.Slot(slot).Cap)}");
        for (uint thread = 0; thread < k.Threads.Capacity; thread++)
        {
            ref readonly ThreadEntry entry = ref k.ThreadAt(thread);
            if (entry.Tcb.IsNone) continue;
            if (descendants.Contains(k.TcbSlot(thread, Kernel.TcbCTable))) Check(entry.CSpaceRoot.IsNull, $"thread {thread} keeps its CSpace root");
            if (descendants.Contains(k.TcbSlot(thread, Kernel.TcbVTable))) Check(entry.VSpaceRoot.IsNull, $"thread {thread} keeps its VSpace root");
            if (descendants.Contains(k.TcbSlot(thread, Kernel.TcbIpcBuffer))) Check(entry.IpcBufferFrame.IsNone, $"thread {thread} keeps its IPC buffer");
            Check(entry.BoundNotification.IsNone || k.Objects.IsLive(entry.BoundNotification), $"thread {thread} is bound to a destroyed notification");
        }
        foreach ((uint irq, ObjectRef notification, _) in lines)
        {
            string before = Describe(k, notification);
            k.HandleInterrupt(ref world.Machine, 0, irq);
            coverage.Hit("interrupt to a revoked notification");
            Check(Describe(k, notification) == before, $"IRQ {irq} still signals notification {notification.Index}/{notification.Generation}");
            Check(KernelState.Violation(k) is null, KernelState.Violation(k) ?? "");
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition) throw new PropertyViolation(message);
    }

    /// <summary>What an interrupt could change about a notification: its word, queue and the state of whoever waits.</summary>
    private static string Describe(Kernel k, ObjectRef notification)
    {
        if (!k.Objects.IsLive(notification)) return "destroyed";
        ref readonly KernelObject o = ref k.Object(notification);
        string waiter = o.QueueHead == ThreadEntry.None ? "" : k.ThreadAt(o.QueueHead).State.ToString();
        string bound = o.BoundThread == ThreadEntry.None ? "" : k.ThreadAt(o.BoundThread).State.ToString();
        return $"{o.QueueKind} word={o.Word} head={o.QueueHead}:{waiter} bound={o.BoundThread}:{bound}";
    }

    /// <summary>Slots of CNodes (not kernel-owned) whose capability has children in the derivation tree.</summary>
    private static List<uint> SlotsWithDescendants(Kernel k)
    {
        var slots = new List<uint>();
        for (uint slot = 0; slot < k.Slots.SlotCount; slot++)
        {
            if (!k.Slot(slot).Cap.IsNull && k.Slot(slot).FirstChild != CapSlot.None) slots.Add(slot);
        }
        return slots;
    }

    private static HashSet<uint> Descendants(Kernel k, uint slot)
    {
        var found = new HashSet<uint>();
        var pending = new Stack<uint>();
        pending.Push(slot);
        while (pending.Count > 0)
        {
            for (uint child = k.Slot(pending.Pop()).FirstChild; child != CapSlot.None; child = k.Slot(child).NextSibling)
            {
                if (found.Add(child)) pending.Push(child);
            }
        }
        return found;
    }

    /// <summary>seL4 CNode_Revoke on a slot, through the CNode that contains it (a guardless capability to that CNode
    /// with the radix as depth names the slot by its index).</summary>
    private static KernelResult RevokeSlot(Kernel k, uint slot)
    {
        for (uint index = 0; index < k.Objects.Capacity; index++)
        {
            ref KernelObject o = ref k.Objects[index];
            if (o.Kind != CapType.CNode || slot < o.SlotBase || slot >= o.SlotBase + (1u << o.Radix)) continue;
            var cnode = new Capability(CapType.CNode, CapRights.All, new ObjectRef(index, o.Generation), 0, 0, 0);
            return k.CNodeRevoke(cnode, slot - o.SlotBase, o.Radix);
        }
        throw new PropertyViolation($"slot {slot} is in no CNode");
    }
}
