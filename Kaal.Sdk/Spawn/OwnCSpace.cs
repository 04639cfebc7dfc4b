using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk.Coroutines;

namespace Kaal.Sdk.Spawn;

/// <summary>
/// A component's view of its own CSpace for CNode operations: the capability to its root CNode, the depth at
/// which a slot index resolves through it, and the free slots. Every helper checks the kernel's answer and
/// returns an <see cref="Outcome"/> whose failure names the step, so a spawner can say exactly what failed.
/// </summary>
public sealed class OwnCSpace(Sys sys, ulong cnodeCptr, ulong depth, SlotAllocator slots)
{
    /// <summary>A component's own CSpace, from its arguments: its CNode (resolved at depth = radix) with every slot
    /// an entry names already taken (the parent filled them). False, with the set-up failure recorded in
    /// <paramref name="context"/>, when it was not given its CNode.</summary>
    public static bool Open(Runtime.ComponentContext context, out OwnCSpace own)
    {
        own = null!;
        if (!context.Require(Runtime.ArgKind.OwnCNode, "its own CNode", out Runtime.ArgEntry cnode)) return false;
        var slots = new SlotAllocator(1 << (int)cnode.A, 1);
        foreach (Runtime.ArgEntry entry in context.Entries)
        {
            if (entry.Cptr != 0) slots.Reserve(entry.Cptr);
            if (entry.Kind == Runtime.ArgKind.Channel && entry.A != 0) slots.Reserve(entry.A);
        }
        own = new OwnCSpace(context.Sys, cnode.Cptr, cnode.A, slots);
        return true;
    }

    public Sys Sys => sys;

    public ulong CNodeCptr => cnodeCptr;

    public ulong Depth => depth;

    public SlotAllocator Slots => slots;

    public Outcome<ulong> TakeSlot(SpawnStep purpose)
    {
        long slot = slots.TryTake();
        return slot < 0 ? new Failure($"{purpose}: the spawner's CNode is full") : (ulong)slot;
    }

    public Outcome<ulong> TakeSlots(int count, SpawnStep purpose)
    {
        long slot = slots.TryTakeRun(count);
        return slot < 0 ? new Failure($"{purpose}: no {count} consecutive free slots in the spawner's CNode") : (ulong)slot;
    }

    /// <summary>Runs a syscall; its failure names <paramref name="step"/> and the kernel's error.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<Outcome> Check(Operation operation, SpawnStep step)
    {
        SyscallResult result = await operation;
        return result.IsOk ? Outcome.Done : new Failure($"{step}: {result.Status.Name()} ({result.Reason.Name()})");
    }

    /// <summary>A copy of the capability in <paramref name="source"/> with <paramref name="rights"/>, badged if non-zero.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<Outcome<ulong>> DeriveAsync(ulong source, CapRights rights, ulong badge, SpawnStep step)
    {
        Outcome<ulong> slot = TakeSlot(step);
        if (slot.Failed) return slot;
        Operation operation = badge == 0
            ? sys.Syscall(Syscall.CapCopy, cnodeCptr, slot.Value, depth, cnodeCptr, source, depth, (ulong)rights)
            : sys.Syscall(Syscall.CapMint, cnodeCptr, slot.Value, depth, cnodeCptr, source, depth, (ulong)rights, badge);
        return KeepOrGiveBack(slot.Value, await Check(operation, step));
    }

    /// <summary>Deletes the capability in <paramref name="slot"/> and gives the slot back.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<Outcome> DeleteAsync(ulong slot, SpawnStep step)
    {
        Outcome deleted = await Check(sys.Syscall(Syscall.CapDelete, cnodeCptr, slot, depth), step);
        if (!deleted.Failed) slots.Free(slot);
        return deleted;
    }

    public ValueTask<Outcome> RevokeAsync(ulong slot, SpawnStep step) =>
        Check(sys.Syscall(Syscall.CapRevoke, cnodeCptr, slot, depth), step);

    /// <summary>Retypes one object of <paramref name="type"/> from <paramref name="untyped"/> into a fresh slot.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<Outcome<ulong>> RetypeAsync(ulong untyped, ObjectType type, int sizeBits, SpawnStep step)
    {
        Outcome<ulong> slot = TakeSlot(step);
        if (slot.Failed) return slot;
        return KeepOrGiveBack(slot.Value, await Check(sys.Syscall(Syscall.Retype, untyped, (ulong)type, (ulong)sizeBits, cnodeCptr, 0, 0, slot.Value, 1), step));
    }

    /// <summary>The slot a step filled, or, when the kernel refused, the failure with the slot given back (it stayed empty).</summary>
    public Outcome<ulong> KeepOrGiveBack(ulong slot, Outcome filled)
    {
        if (!filled.Failed) return slot;
        slots.Free(slot);
        return filled.Failure;
    }
}
