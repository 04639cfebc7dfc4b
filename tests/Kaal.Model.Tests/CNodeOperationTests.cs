using Xunit;
using static Kaal.Model.Tests.TestKernel;

namespace Kaal.Model.Tests;

public sealed class CNodeOperationTests
{
    [Fact]
    public void Copy_of_a_copy_is_a_sibling_under_the_original()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        t.Ok(t.K.CNodeCopy(t.Root, Free + 1, D, t.Root, Free, D, CapRights.All));
        t.Ok(t.K.CNodeCopy(t.Root, Free + 2, D, t.Root, Free + 1, D, CapRights.All));
        Assert.Equal(t.K.RootSlot(Free), t.SlotAt(Free + 1).Parent);
        Assert.Equal(t.K.RootSlot(Free), t.SlotAt(Free + 2).Parent);
        Assert.False(t.SlotAt(Free + 1).IsOriginal);
    }

    [Fact]
    public void Copy_into_occupied_slot_is_DeleteFirst_and_changes_nothing()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free, 2));
        Capability[] before = t.RootContents();
        t.Fails(t.K.CNodeCopy(t.Root, Free + 1, D, t.Root, Free, D, CapRights.All), KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
        t.AssertUnchanged(before);
    }

    [Fact]
    public void Copy_from_empty_slot_is_FailedLookup_on_the_source()
    {
        var t = new TestKernel();
        KernelResult result = t.K.CNodeCopy(t.Root, Free, D, t.Root, Free + 1, D, CapRights.All);
        t.Fails(result, KernelError.FailedLookup, ErrorReason.SourceSlotEmpty);
        Assert.True(result.FailedLookupWasSource);
        Assert.Equal(LookupFaultKind.MissingCapability, result.Lookup.Kind);
        Assert.Equal(D, result.Lookup.BitsLeft);
    }

    [Fact]
    public void Copy_of_untyped_with_children_is_RevokeFirst()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        t.Fails(t.K.CNodeCopy(t.Root, Free + 1, D, t.Root, t.UntypedIndex, D, CapRights.All), KernelError.RevokeFirst, ErrorReason.UntypedHasChildren);
    }

    [Fact]
    public void Copy_of_childless_untyped_marks_the_source_full()
    {
        var t = new TestKernel();
        uint untyped = t.UntypedIndex;
        t.Ok(t.K.CNodeCopy(t.Root, Free, D, t.Root, untyped, D, CapRights.All));
        ulong size = t.K.Object(t.Cap(untyped).Object).SizeBytes;
        Assert.Equal(size, t.Cap(untyped).FreeIndexBytes);
        Assert.True(t.SlotAt(Free).IsOriginal);
        // The parent now has a child, so it cannot reset: it is full until the copy is gone.
        KernelResult result = t.K.UntypedRetype(t.K.RootSlot(untyped), ObjectType.Endpoint, 0, t.Root, 0, 0, Free + 1, 1);
        t.Fails(result, KernelError.NotEnoughMemory, ErrorReason.UntypedExhausted);
        Assert.Equal(0UL, result.MemoryLeftBytes);
        t.Ok(t.K.UntypedRetype(t.K.RootSlot(Free), ObjectType.Endpoint, 0, t.Root, 0, 0, Free + 1, 1));
    }

    [Fact]
    public void IrqControl_and_Reply_are_not_derivable()
    {
        var t = new TestKernel();
        t.Fails(t.K.CNodeCopy(t.Root, Free, D, t.Root, BootInfo.IrqControlSlot, D, CapRights.All), KernelError.IllegalOperation, ErrorReason.CapabilityNotDerivable);
        t.Ok(t.Retype(ObjectType.Reply, 0, Free + 1));
        t.Fails(t.K.CNodeMint(t.Root, Free, D, t.Root, Free + 1, D, CapRights.All, 0), KernelError.IllegalOperation, ErrorReason.CapabilityNotDerivable);
    }

    [Fact]
    public void Mint_of_unbadged_copy_hangs_under_the_original_and_starts_a_level()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        t.Ok(t.K.CNodeCopy(t.Root, Free + 1, D, t.Root, Free, D, CapRights.All));
        t.Ok(t.K.CNodeMint(t.Root, Free + 2, D, t.Root, Free + 1, D, CapRights.Write, 9));
        Assert.True(t.SlotAt(Free + 2).IsOriginal);
        Assert.Equal(t.K.RootSlot(Free), t.SlotAt(Free + 2).Parent);
        t.Ok(t.K.CNodeCopy(t.Root, Free + 3, D, t.Root, Free + 2, D, CapRights.All));
        Assert.Equal(t.K.RootSlot(Free + 2), t.SlotAt(Free + 3).Parent);
        Assert.Equal(CapRights.Write, t.Cap(Free + 3).Rights);
        Assert.Equal(9UL, t.Cap(Free + 3).Badge);
        // Revoking the badged cap removes its copies only.
        t.Ok(t.K.CNodeRevoke(t.Root, Free + 2, D));
        Assert.True(t.Cap(Free + 3).IsNull);
        Assert.False(t.Cap(Free + 1).IsNull);
    }

    [Fact]
    public void Mint_with_badge_zero_makes_a_plain_copy()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Notification, 0, Free));
        t.Ok(t.K.CNodeMint(t.Root, Free + 1, D, t.Root, Free, D, CapRights.Read, 0));
        Assert.False(t.SlotAt(Free + 1).IsOriginal);
        Assert.Equal(CapRights.Read, t.Cap(Free + 1).Rights);
    }

    [Fact]
    public void Mint_of_cnode_sets_guard_and_rejects_oversized_guard()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.CNode, 4, Free));
        t.Ok(t.K.CNodeMint(t.Root, Free + 1, D, t.Root, Free, D, CapRights.All, CapData.CNodeGuard(0x1F5, 6)));
        Assert.Equal(0x35UL, t.Cap(Free + 1).Guard);
        Assert.Equal(6, t.Cap(Free + 1).GuardSizeBits);
        t.Fails(t.K.CNodeMint(t.Root, Free + 2, D, t.Root, Free, D, CapRights.All, CapData.CNodeGuard(0, 61)), KernelError.IllegalOperation, ErrorReason.GuardTooLarge);
    }

    [Fact]
    public void Move_keeps_the_tree_position_and_children()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        t.Ok(t.K.CNodeCopy(t.Root, Free + 1, D, t.Root, Free, D, CapRights.All));
        t.Ok(t.K.CNodeMove(t.Root, Free + 5, D, t.Root, Free, D));
        Assert.True(t.Cap(Free).IsNull);
        Assert.Equal(t.K.RootSlot(Free + 5), t.SlotAt(Free + 1).Parent);
        Assert.Equal(t.K.RootSlot(t.UntypedIndex), t.SlotAt(Free + 5).Parent);
        t.Ok(t.K.CNodeRevoke(t.Root, Free + 5, D));
        Assert.True(t.Cap(Free + 1).IsNull);
    }

    [Fact]
    public void Move_onto_itself_is_DeleteFirst()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        t.Fails(t.K.CNodeMove(t.Root, Free, D, t.Root, Free, D), KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
    }

    [Fact]
    public void Mutate_changes_a_cnode_guard_but_never_a_badge()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.CNode, 3, Free));
        t.Ok(t.K.CNodeMutate(t.Root, Free + 1, D, t.Root, Free, D, CapData.CNodeGuard(2, 2)));
        Assert.Equal(2UL, t.Cap(Free + 1).Guard);
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free + 2));
        t.Fails(t.K.CNodeMutate(t.Root, Free + 3, D, t.Root, Free + 2, D, 0), KernelError.IllegalOperation, ErrorReason.BadgeAlreadySet);
        t.Ok(t.Retype(ObjectType.Frame4K, 0, Free + 4));
        t.Ok(t.K.CNodeMutate(t.Root, Free + 5, D, t.Root, Free + 4, D, 1234));
        Assert.Equal(CapType.Frame, t.Cap(Free + 5).Type);
    }

    [Fact]
    public void Rotate_moves_pivot_to_dest_and_source_to_pivot()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Tcb, 0, Free));
        t.Ok(t.Retype(ObjectType.Frame4K, 0, Free + 1));
        t.Ok(t.K.CNodeRotate(t.Root, Free + 2, D, 0, t.Root, Free + 1, D, 0, t.Root, Free, D));
        Assert.Equal(CapType.Frame, t.Cap(Free + 2).Type);
        Assert.Equal(CapType.Tcb, t.Cap(Free + 1).Type);
        Assert.True(t.Cap(Free).IsNull);
    }

    [Fact]
    public void Rotate_with_source_as_dest_swaps_even_parent_and_child()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Untyped, 12, Free));
        t.Ok(t.K.UntypedRetype(t.K.RootSlot(Free), ObjectType.Frame4K, 0, t.Root, 0, 0, Free + 1, 1));
        t.Ok(t.K.CNodeRotate(t.Root, Free, D, 0, t.Root, Free + 1, D, 0, t.Root, Free, D));
        Assert.Equal(CapType.Frame, t.Cap(Free).Type);
        Assert.Equal(CapType.Untyped, t.Cap(Free + 1).Type);
        Assert.Equal(t.K.RootSlot(Free + 1), t.SlotAt(Free).Parent);
    }

    [Fact]
    public void Rotate_rejects_aliases_occupied_dest_and_empty_operands()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Tcb, 0, Free, 3));
        Capability[] before = t.RootContents();
        t.Fails(t.K.CNodeRotate(t.Root, Free + 5, D, 0, t.Root, Free, D, 0, t.Root, Free, D), KernelError.IllegalOperation, ErrorReason.RotateSlotsAlias);
        t.Fails(t.K.CNodeRotate(t.Root, Free + 2, D, 0, t.Root, Free, D, 0, t.Root, Free + 1, D), KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
        KernelResult emptySource = t.K.CNodeRotate(t.Root, Free + 6, D, 0, t.Root, Free, D, 0, t.Root, Free + 7, D);
        t.Fails(emptySource, KernelError.FailedLookup, ErrorReason.SourceSlotEmpty);
        Assert.True(emptySource.FailedLookupWasSource);
        KernelResult emptyPivot = t.K.CNodeRotate(t.Root, Free + 6, D, 0, t.Root, Free + 7, D, 0, t.Root, Free, D);
        t.Fails(emptyPivot, KernelError.FailedLookup, ErrorReason.PivotSlotEmpty);
        Assert.False(emptyPivot.FailedLookupWasSource);
        t.AssertUnchanged(before);
    }

    [Fact]
    public void Delete_of_non_final_cap_keeps_the_object_and_reparents_children()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        t.Ok(t.K.CNodeMint(t.Root, Free + 1, D, t.Root, Free, D, CapRights.All, 3));
        t.Ok(t.K.CNodeCopy(t.Root, Free + 2, D, t.Root, Free + 1, D, CapRights.All));
        t.Ok(t.K.CNodeDelete(t.Root, Free + 1, D));
        Assert.True(t.K.Objects.IsLive(t.Cap(Free).Object));
        Assert.Equal(t.K.RootSlot(Free), t.SlotAt(Free + 2).Parent);
    }

    [Fact]
    public void Delete_of_empty_slot_succeeds()
    {
        var t = new TestKernel();
        t.Ok(t.K.CNodeDelete(t.Root, Free, D));
    }

    [Fact]
    public void Deleting_the_last_cap_destroys_the_object_and_stale_refs_are_detected()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Notification, 0, Free));
        ObjectRef reference = t.Cap(Free).Object;
        uint freeBefore = t.K.Objects.FreeCount;
        t.Ok(t.K.CNodeDelete(t.Root, Free, D));
        Assert.False(t.K.Objects.IsLive(reference));
        Assert.Equal(freeBefore + 1, t.K.Objects.FreeCount);
        // The entry is reused with a new generation: the old reference never names the new object.
        t.Ok(t.Retype(ObjectType.Notification, 0, Free));
        Assert.Equal(reference.Index, t.Cap(Free).Object.Index);
        Assert.NotEqual(reference.Generation, t.Cap(Free).Object.Generation);
        Assert.False(t.K.Objects.IsLive(reference));
    }

    [Fact]
    public void A_cnode_holding_its_own_cap_is_destroyed_with_its_contents()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.CNode, 2, Free));
        Capability inner = t.Cap(Free);
        t.Ok(t.K.CNodeCopy(inner, 0, 2, t.Root, Free, D, CapRights.All));
        t.Ok(t.Retype(ObjectType.Tcb, 0, Free + 1));
        t.Ok(t.K.CNodeMove(inner, 1, 2, t.Root, Free + 1, D));
        t.Ok(t.K.CNodeRevoke(t.Root, t.UntypedIndex, D));
        Assert.False(t.K.Objects.IsLive(inner.Object));
    }

    [Fact]
    public void Revoke_of_untyped_destroys_nested_cnodes_and_frees_their_slots()
    {
        var t = new TestKernel();
        uint poolFree = t.K.Slots.FreeSlotCount;
        t.Ok(t.Retype(ObjectType.CNode, 3, Free, 2));
        Capability first = t.Cap(Free);
        Capability second = t.Cap(Free + 1);
        // Each CNode holds a copy of the other: a cycle that only untyped revoke can clean up.
        t.Ok(t.K.CNodeCopy(first, 0, 3, t.Root, Free + 1, D, CapRights.All));
        t.Ok(t.K.CNodeCopy(second, 0, 3, t.Root, Free, D, CapRights.All));
        t.Ok(t.K.CNodeRevoke(t.Root, t.UntypedIndex, D));
        Assert.Equal(poolFree, t.K.Slots.FreeSlotCount);
        Assert.False(t.K.Objects.IsLive(first.Object));
        Assert.False(t.K.Objects.IsLive(second.Object));
    }

    [Fact]
    public void Operations_on_a_non_cnode_service_are_InvalidCapability()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        KernelResult result = t.K.CNodeDelete(t.Cap(Free), 0, D);
        t.Fails(result, KernelError.InvalidCapability, ErrorReason.ServiceNotCNode);
        Assert.Equal(0, result.ArgumentPosition);
    }
}
