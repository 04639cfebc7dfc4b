using Kaal.Sdk;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Tests;

/// <summary>A test component's own CSpace and memory budget, from its arguments.</summary>
public static class OwnSlots
{
    public static OwnCSpace Of(ComponentContext context)
    {
        ArgEntry cnode = context.Require(ArgKind.OwnCNode, "its own CNode");
        var slots = new SlotAllocator(1 << (int)cnode.A, 1);
        foreach (ArgEntry entry in context.Entries)
        {
            if (entry.Cptr != 0) slots.Reserve(entry.Cptr);
            if (entry.Kind == ArgKind.Channel && entry.A != 0) slots.Reserve(entry.A);
        }
        return new OwnCSpace(context.Sys, cnode.Cptr, cnode.A, slots);
    }

    public static ulong Budget(ComponentContext context) => context.Require(ArgKind.Untyped, "memory:allocate").Cptr;
}
