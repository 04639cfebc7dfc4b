using System;
using Kaal.Tests.Shared.Allocation;
using Xunit;

namespace Kaal.Model.Tests.Properties;

/// <summary>
/// No allocation per operation (issue 2): after a warm-up, thousands of cycles of retype, mint, copy,
/// mutate (guarded CNode), move, rotate, nested copy/delete through a guarded CNode, IRQ handler issue and
/// delete, lookups, revoke of the Untyped and the invariant checker allocate not one managed byte.
/// </summary>
public sealed class ZeroAllocationTests
{
    private const int D = 64;

    [Fact]
    public void Capability_operations_allocate_nothing_after_warm_up()
    {
        Kernel k = PropertyKernel.BootModel();
        Capability root = k.RootCNodeCap;
        uint rootBase = k.Object(root.Object).SlotBase;
        // A capability to the root CNode without guard (radix 6 only), so nested CNodes can be addressed.
        Expect(k.CNodeMint(root, 40, D, root, 2, D, CapRights.All, CapData.CNodeGuard(0, 0)));

        long allocated = SteadyStateAllocation.LeastBytesPerWindow(() => Cycle(k, root, rootBase), 200, 3000);

        Assert.True(k.CheckInvariants().IsNone);
        Assert.Equal(0L, allocated);
    }

    /// <summary>One cycle: about 20 kernel operations; leaves the kernel as it found it.</summary>
    private static void Cycle(Kernel k, in Capability root, uint rootBase)
    {
        uint untyped = rootBase + 24;
        Expect(k.UntypedRetype(untyped, ObjectType.Endpoint, 0, root, 0, 0, 32, 1));
        Expect(k.UntypedRetype(untyped, ObjectType.Frame4K, 0, root, 0, 0, 33, 1));
        Expect(k.UntypedRetype(untyped, ObjectType.CNode, 2, root, 0, 0, 34, 1));
        Expect(k.CNodeMint(root, 35, D, root, 32, D, CapRights.Read | CapRights.Write, 7));
        Expect(k.CNodeCopy(root, 36, D, root, 35, D, CapRights.Read));
        Expect(k.CNodeMutate(root, 37, D, root, 34, D, CapData.CNodeGuard(1, 2)));
        Expect(k.CNodeMove(root, 38, D, root, 36, D));
        // Swap the frame (33) and the guarded CNode (37), keeping the guard.
        Expect(k.CNodeRotate(root, 33, D, CapData.CNodeGuard(1, 2), root, 37, D, 0, root, 33, D));

        // Nested: cap(root[40]) has radix 6 and no guard; root[33] now holds the radix-2 CNode with guard 0b01.
        Capability wide = k.Slot(rootBase + 40).Cap;
        ulong nested = (33UL << 4) | (1UL << 2) | 3;
        Expect(k.CNodeCopy(wide, nested, 10, root, 35, D, CapRights.Write));
        SlotLookup hit = k.ResolveAddressBits(wide, nested, 10);
        if (!hit.IsOk) throw new InvalidOperationException("nested lookup failed");
        SlotLookup miss = k.ResolveAddressBits(wide, nested ^ (1UL << 3), 10);
        if (miss.Fault.Kind != LookupFaultKind.GuardMismatch) throw new InvalidOperationException("guard mismatch expected");
        Expect(k.LookupSlot(root, 35, D, true, out _));
        Expect(k.CNodeDelete(wide, nested, 10));

        Expect(k.IrqControlGet(rootBase + 4, 3, root, 39, D));
        Expect(k.CNodeDelete(root, 39, D));
        Expect(k.CNodeDelete(root, 38, D));
        Expect(k.CNodeRevoke(root, 24, D));
        if (!k.CheckInvariants().IsNone) throw new InvalidOperationException("invariant broken");
    }

    private static void Expect(in KernelResult result)
    {
        if (!result.IsOk) throw new InvalidOperationException($"operation failed: {result.Error} ({result.Reason})");
    }
}
