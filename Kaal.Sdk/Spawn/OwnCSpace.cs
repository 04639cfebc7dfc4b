using System.Threading.Tasks;
using Kaal.Model;

namespace Kaal.Sdk.Spawn;

/// <summary>
/// A component's view of its own CSpace for CNode operations: the capability to its root CNode, the depth at
/// which a slot index resolves through it, and the free slots. Every helper checks the kernel's answer and
/// throws <see cref="SpawnException"/> naming the step, so a spawner can say exactly what failed.
/// </summary>
public sealed class OwnCSpace(Sys sys, ulong cnodeCptr, ulong depth, SlotAllocator slots)
{
    /// <summary>A component's own CSpace, from its arguments: its CNode (resolved at depth = radix) with every slot
    /// an entry names already taken (the parent filled them).</summary>
    public static OwnCSpace Of(Runtime.ComponentContext context)
    {
        Runtime.ArgEntry cnode = context.Require(Runtime.ArgKind.OwnCNode, "its own CNode");
        var slots = new SlotAllocator(1 << (int)cnode.A, 1);
        foreach (Runtime.ArgEntry entry in context.Entries)
        {
            if (entry.Cptr != 0) slots.Reserve(entry.Cptr);
            if (entry.Kind == Runtime.ArgKind.Channel && entry.A != 0) slots.Reserve(entry.A);
        }
        return new OwnCSpace(context.Sys, cnode.Cptr, cnode.A, slots);
    }

    public Sys Sys => sys;

    public ulong CNodeCptr => cnodeCptr;

    public ulong Depth => depth;

    public SlotAllocator Slots => slots;

    public ulong TakeSlot(SpawnStep purpose)
    {
        long slot = slots.TryTake();
        if (slot < 0) throw new SpawnException($"{purpose}: the spawner's CNode is full");
        return (ulong)slot;
    }

    public ulong TakeSlots(int count, SpawnStep purpose)
    {
        long slot = slots.TryTakeRun(count);
        if (slot < 0) throw new SpawnException($"{purpose}: no {count} consecutive free slots in the spawner's CNode");
        return (ulong)slot;
    }

    /// <summary>Runs a syscall and throws with <paramref name="step"/> if it failed.</summary>
    public async ValueTask<SyscallResult> Check(Operation operation, SpawnStep step)
    {
        SyscallResult result = await operation;
        if (!result.IsOk) throw new SpawnException($"{step}: {result.Status.Name()} ({result.Reason.Name()})");
        return result;
    }

    /// <summary>A copy of the capability in <paramref name="source"/> with <paramref name="rights"/>, badged if non-zero.</summary>
    public async ValueTask<ulong> DeriveAsync(ulong source, CapRights rights, ulong badge, SpawnStep step)
    {
        ulong slot = TakeSlot(step);
        Operation operation = badge == 0
            ? sys.Syscall(Syscall.CapCopy, cnodeCptr, slot, depth, cnodeCptr, source, depth, (ulong)rights)
            : sys.Syscall(Syscall.CapMint, cnodeCptr, slot, depth, cnodeCptr, source, depth, (ulong)rights, badge);
        try
        {
            await Check(operation, step);
        }
        catch (SpawnException)
        {
            slots.Free(slot);
            throw;
        }
        return slot;
    }

    /// <summary>Deletes the capability in <paramref name="slot"/> and gives the slot back.</summary>
    public async ValueTask DeleteAsync(ulong slot, SpawnStep step)
    {
        await Check(sys.Syscall(Syscall.CapDelete, cnodeCptr, slot, depth), step);
        slots.Free(slot);
    }

    public async ValueTask RevokeAsync(ulong slot, SpawnStep step) =>
        await Check(sys.Syscall(Syscall.CapRevoke, cnodeCptr, slot, depth), step);

    /// <summary>Retypes one object of <paramref name="type"/> from <paramref name="untyped"/> into a fresh slot.</summary>
    public async ValueTask<ulong> RetypeAsync(ulong untyped, ObjectType type, int sizeBits, SpawnStep step)
    {
        ulong slot = TakeSlot(step);
        try
        {
            await Check(sys.Syscall(Syscall.Retype, untyped, (ulong)type, (ulong)sizeBits, cnodeCptr, 0, 0, slot, 1), step);
        }
        catch (SpawnException)
        {
            slots.Free(slot);
            throw;
        }
        return slot;
    }
}
