using Kaal.Model.Scenarios;
using Xunit;
using static Kaal.Model.Tests.TestKernel;

namespace Kaal.Model.Tests;

public sealed class UntypedRetypeTests
{
    [Theory]
    [InlineData(ObjectType.Tcb, 0, 11)]
    [InlineData(ObjectType.Endpoint, 0, 4)]
    [InlineData(ObjectType.Notification, 0, 5)]
    [InlineData(ObjectType.CNode, 3, 8)]
    [InlineData(ObjectType.Reply, 0, 5)]
    [InlineData(ObjectType.Frame4K, 0, 12)]
    [InlineData(ObjectType.PageTable, 0, 12)]
    [InlineData(ObjectType.VSpace, 0, 12)]
    [InlineData(ObjectType.Untyped, 9, 9)]
    public void Retype_creates_aligned_objects_of_the_right_size(ObjectType type, int sizeBits, int expectedSizeBits)
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free + 10));
        t.Ok(t.Retype(type, sizeBits, Free, 2));
        ref readonly KernelObject first = ref t.K.Object(t.Cap(Free).Object);
        ref readonly KernelObject second = ref t.K.Object(t.Cap(Free + 1).Object);
        Assert.Equal(expectedSizeBits, first.SizeBits);
        Assert.Equal(0UL, first.PhysAddr & ((1UL << expectedSizeBits) - 1));
        Assert.Equal(first.PhysAddr + (1UL << expectedSizeBits), second.PhysAddr);
        Assert.Equal(t.K.RootSlot(t.UntypedIndex), t.SlotAt(Free).Parent);
        Assert.True(t.SlotAt(Free).IsOriginal);
    }

    [Fact]
    public void Frame2M_from_a_too_small_untyped_is_NotEnoughMemory_with_bytes_left()
    {
        var t = new TestKernel();
        KernelResult result = t.Retype(ObjectType.Frame2M, 0, Free);
        t.Fails(result, KernelError.NotEnoughMemory, ErrorReason.UntypedExhausted);
        Assert.Equal(t.K.Object(t.Cap(t.UntypedIndex).Object).SizeBytes, result.MemoryLeftBytes);
    }

    [Theory]
    [InlineData(ObjectType.Untyped, 3, KernelError.InvalidArgument, ErrorReason.UntypedTooSmall)]
    [InlineData(ObjectType.Untyped, 48, KernelError.RangeError, ErrorReason.ObjectSizeOutOfRange)]
    [InlineData(ObjectType.CNode, 0, KernelError.InvalidArgument, ErrorReason.CNodeRadixZero)]
    [InlineData(ObjectType.CNode, 10, KernelError.RangeError, ErrorReason.ObjectSizeOutOfRange)]
    [InlineData(ObjectType.Endpoint, 63, KernelError.RangeError, ErrorReason.ObjectSizeOutOfRange)]
    [InlineData(ObjectType.Endpoint, -1, KernelError.RangeError, ErrorReason.ObjectSizeOutOfRange)]
    [InlineData((ObjectType)200, 0, KernelError.InvalidArgument, ErrorReason.InvalidObjectType)]
    public void Bad_type_or_size_is_refused_and_changes_nothing(ObjectType type, int sizeBits, KernelError error, ErrorReason reason)
    {
        var t = new TestKernel();
        Capability[] before = t.RootContents();
        t.Fails(t.Retype(type, sizeBits, Free), error, reason);
        t.AssertUnchanged(before);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void Fan_out_outside_1_to_256_is_RangeError(int count)
    {
        var t = new TestKernel();
        KernelResult result = t.Retype(ObjectType.Endpoint, 0, Free, count);
        t.Fails(result, KernelError.RangeError, ErrorReason.FanOutOutOfRange);
        Assert.Equal(1UL, result.RangeMin);
        Assert.Equal(256UL, result.RangeMax);
    }

    [Fact]
    public void Destination_offset_and_window_must_fit_the_cnode()
    {
        var t = new TestKernel();
        KernelResult offset = t.Retype(ObjectType.Endpoint, 0, 64);
        t.Fails(offset, KernelError.RangeError, ErrorReason.DestinationOffsetOutOfRange);
        Assert.Equal(63UL, offset.RangeMax);
        KernelResult window = t.Retype(ObjectType.Endpoint, 0, 60, 5);
        t.Fails(window, KernelError.RangeError, ErrorReason.DestinationWindowOutOfRange);
        Assert.Equal(4UL, window.RangeMax);
    }

    [Fact]
    public void Any_occupied_destination_slot_is_DeleteFirst()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free + 3));
        Capability[] before = t.RootContents();
        t.Fails(t.Retype(ObjectType.Endpoint, 0, Free, 5), KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
        t.AssertUnchanged(before);
    }

    [Fact]
    public void Destination_must_be_a_cnode()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Endpoint, 0, Free));
        KernelResult result = t.K.UntypedRetype(t.K.RootSlot(t.UntypedIndex), ObjectType.Endpoint, 0, t.Root, Free, D, 0, 1);
        t.Fails(result, KernelError.FailedLookup, ErrorReason.DestinationNotCNode);
        Assert.False(result.FailedLookupWasSource);
    }

    [Fact]
    public void Retype_into_a_nested_cnode_by_index_and_depth()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.CNode, 2, Free));
        t.Ok(t.K.UntypedRetype(t.K.RootSlot(t.UntypedIndex), ObjectType.Endpoint, 0, t.Root, Free, D, 1, 3));
        Capability inner = t.Cap(Free);
        Assert.Equal(CapType.Endpoint, t.K.Slot(t.K.CNodeSlot(inner.Object, 3)).Cap.Type);
    }

    [Fact]
    public void Service_must_be_an_untyped()
    {
        var t = new TestKernel();
        t.Fails(t.K.UntypedRetype(t.K.RootSlot(BootInfo.IrqControlSlot), ObjectType.Endpoint, 0, t.Root, 0, 0, Free, 1), KernelError.InvalidCapability, ErrorReason.ServiceNotUntyped);
        t.Fails(t.K.UntypedRetype(uint.MaxValue - 1, ObjectType.Endpoint, 0, t.Root, 0, 0, Free, 1), KernelError.InvalidCapability, ErrorReason.ServiceNotUntyped);
    }

    [Fact]
    public void Device_untyped_yields_only_frames_and_untyped()
    {
        var t = new TestKernel();
        uint device = FindDeviceUntyped(t);
        uint deviceSlot = t.K.RootSlot(device);
        t.Fails(t.K.UntypedRetype(deviceSlot, ObjectType.Endpoint, 0, t.Root, 0, 0, Free, 1), KernelError.InvalidArgument, ErrorReason.DeviceMemoryNotFrameOrUntyped);
        t.Ok(t.K.UntypedRetype(deviceSlot, ObjectType.Frame4K, 0, t.Root, 0, 0, Free, 1));
        Assert.True(t.K.Object(t.Cap(Free).Object).IsDevice);
        Assert.Equal(ScenarioKernel.DeviceBaseAddr, t.K.Object(t.Cap(Free).Object).PhysAddr);
    }

    [Fact]
    public void Child_untyped_keeps_the_device_flag_and_its_own_watermark()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Untyped, 14, Free));
        uint child = t.K.RootSlot(Free);
        t.Ok(t.K.UntypedRetype(child, ObjectType.Frame4K, 0, t.Root, 0, 0, Free + 1, 3));
        Assert.Equal(3UL << 12, t.Cap(Free).FreeIndexBytes);
        t.Fails(t.K.UntypedRetype(child, ObjectType.Frame4K, 0, t.Root, 0, 0, Free + 4, 2), KernelError.NotEnoughMemory, ErrorReason.UntypedExhausted);
    }

    [Fact]
    public void Deleting_every_child_lets_the_watermark_reset()
    {
        var t = new TestKernel();
        t.Ok(t.Retype(ObjectType.Untyped, 13, Free));
        uint child = t.K.RootSlot(Free);
        t.Ok(t.K.UntypedRetype(child, ObjectType.Frame4K, 0, t.Root, 0, 0, Free + 1, 2));
        ulong firstAddr = t.K.Object(t.Cap(Free + 1).Object).PhysAddr;
        t.Ok(t.K.CNodeDelete(t.Root, Free + 1, D));
        t.Fails(t.K.UntypedRetype(child, ObjectType.Frame4K, 0, t.Root, 0, 0, Free + 1, 1), KernelError.NotEnoughMemory, ErrorReason.UntypedExhausted);
        t.Ok(t.K.CNodeDelete(t.Root, Free + 2, D));
        t.Ok(t.K.UntypedRetype(child, ObjectType.Frame4K, 0, t.Root, 0, 0, Free + 1, 1));
        Assert.Equal(firstAddr, t.K.Object(t.Cap(Free + 1).Object).PhysAddr);
    }

    [Fact]
    public void Slot_pool_exhaustion_fails_whole_and_changes_nothing()
    {
        var t = new TestKernel();
        // The pool has 512 slots and the root CNode takes 64: two radix-8 CNodes cannot both fit.
        Capability[] before = t.RootContents();
        uint poolFree = t.K.Slots.FreeSlotCount;
        t.Fails(t.Retype(ObjectType.CNode, 8, Free, 2), KernelError.NotEnoughMemory, ErrorReason.SlotPoolFull);
        Assert.Equal(poolFree, t.K.Slots.FreeSlotCount);
        t.AssertUnchanged(before);
    }

    private static uint FindDeviceUntyped(TestKernel t)
    {
        for (uint index = 0; index < t.K.BootInfo.UntypedCount; index++)
        {
            Capability cap = t.Cap(BootInfo.FirstUntypedSlot + index);
            if (t.K.Object(cap.Object).IsDevice) return BootInfo.FirstUntypedSlot + index;
        }
        throw new Xunit.Sdk.XunitException("boot made no device untyped");
    }
}
