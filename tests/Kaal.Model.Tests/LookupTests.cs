using Xunit;
using static Kaal.Model.Tests.TestKernel;

namespace Kaal.Model.Tests;

public sealed class LookupTests
{
    [Fact]
    public void Root_slots_resolve_with_the_full_word()
    {
        var t = new TestKernel();
        SlotLookup lookup = t.K.ResolveAddressBits(t.Root, 7, 64);
        Assert.True(lookup.IsOk);
        Assert.Equal(t.K.RootSlot(7), lookup.Slot);
    }

    [Fact]
    public void Non_zero_bits_in_the_root_guard_are_a_GuardMismatch()
    {
        var t = new TestKernel();
        SlotLookup lookup = t.K.ResolveAddressBits(t.Root, (1UL << 40) | 7, 64);
        Assert.Equal(LookupFaultKind.GuardMismatch, lookup.Fault.Kind);
        Assert.Equal(64, lookup.Fault.BitsLeft);
        Assert.Equal(58, lookup.Fault.GuardSizeBits);
    }

    [Fact]
    public void Too_few_bits_for_the_guard_is_a_GuardMismatch_and_for_the_radix_a_DepthMismatch()
    {
        var t = new TestKernel();
        Assert.Equal(LookupFaultKind.GuardMismatch, t.K.ResolveAddressBits(t.Root, 0, 57).Fault.Kind);
        SlotLookup depth = t.K.ResolveAddressBits(t.Root, 0, 60);
        Assert.Equal(LookupFaultKind.DepthMismatch, depth.Fault.Kind);
        Assert.Equal(60, depth.Fault.BitsLeft);
        Assert.Equal(64, depth.Fault.BitsFound);
    }

    [Fact]
    public void Non_cnode_root_is_InvalidRoot_and_so_is_a_stale_one()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        Assert.Equal(LookupFaultKind.InvalidRoot, t.K.ResolveAddressBits(t.Cap(Free), 0, 64).Fault.Kind);
        t.Ok(t.Retype(ObjectType.CNode, 2, Free + 1));
        Capability stale = t.Cap(Free + 1);
        t.Ok(t.K.CNodeDelete(t.Root, Free + 1, D));
        Assert.Equal(LookupFaultKind.InvalidRoot, t.K.ResolveAddressBits(stale, 0, 2).Fault.Kind);
        KernelResult result = t.K.CNodeDelete(stale, 0, 2);
        Assert.Equal(KernelError.FailedLookup, result.Error);
        Assert.Equal(LookupFaultKind.InvalidRoot, result.Lookup.Kind);
    }

    [Fact]
    public void Resolution_stops_at_a_non_cnode_cap_with_bits_left()
    {
        var t = new TestKernel();
        Capability wide = new(CapType.CNode, CapRights.All, t.Root.Object, 0, 0, 0);
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        SlotLookup lookup = t.K.ResolveAddressBits(wide, ((ulong)Free << 4) | 3, 10);
        Assert.True(lookup.IsOk);
        Assert.Equal(4, lookup.BitsRemaining);
        Assert.Equal(t.K.RootSlot(Free), lookup.Slot);
        KernelResult op = t.K.CNodeDelete(wide, ((ulong)Free << 4) | 3, 10);
        Assert.Equal(KernelError.FailedLookup, op.Error);
        Assert.Equal(LookupFaultKind.DepthMismatch, op.Lookup.Kind);
        Assert.Equal(4, op.Lookup.BitsLeft);
    }

    [Fact]
    public void Resolution_descends_into_nested_cnodes()
    {
        var t = new TestKernel();
        Capability wide = new(CapType.CNode, CapRights.All, t.Root.Object, 0, 0, 0);
        t.Ok(t.Retype(ObjectType.CNode, 3, Free));
        SlotLookup lookup = t.K.ResolveAddressBits(wide, ((ulong)Free << 3) | 5, 9);
        Assert.True(lookup.IsOk);
        Assert.Equal(t.K.CNodeSlot(t.Cap(Free).Object, 5), lookup.Slot);
        // Depth 6 names the CNode cap itself, not its contents.
        Assert.Equal(t.K.RootSlot(Free), t.K.ResolveAddressBits(wide, Free, 6).Slot);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    [InlineData(-3)]
    public void Depth_outside_1_to_64_is_RangeError(int depth)
    {
        var t = new TestKernel();
        KernelResult result = t.K.CNodeDelete(t.Root, 0, depth);
        Assert.Equal(KernelError.RangeError, result.Error);
        Assert.Equal(ErrorReason.DepthOutOfRange, result.Reason);
        Assert.Equal(1UL, result.RangeMin);
        Assert.Equal(64UL, result.RangeMax);
    }
}
