using System;
using Kaal.Model.Scenarios;
using Kaal.Tests.Shared.Allocation;
using Xunit;

namespace Kaal.Model.Tests;

/// <summary>
/// A booted kernel with the root thread (its VSpace in root slot 3), 8 MiB of RAM so that a 2 MiB frame
/// fits, one device page, and a recording machine. Root slots are named with depth 64.
/// </summary>
internal sealed class MemoryKernel
{
    public const int D = ScenarioKernel.Depth;
    public const uint Free = 40;
    public const ulong RamBase = 0x4000_0000;
    public const ulong RamSize = 8UL << 20;
    public const ulong DeviceBase = 0x0900_0000;
    public const VmRights R = VmRights.Read;
    public const VmRights RW = VmRights.Read | VmRights.Write;
    public const VmRights RX = VmRights.Read | VmRights.Execute;
    public const VmRights RWX = VmRights.Read | VmRights.Write | VmRights.Execute;

    public RecordingMachine Machine = RecordingMachine.Create();

    public MemoryKernel(uint mappingCapacity = 32)
    {
        KernelConfig config = ScenarioKernel.Config();
        config.MappingCapacity = mappingCapacity;
        K = new Kernel(config);
        var regions = new[] { new BootRegion(RamBase, RamSize, false), new BootRegion(DeviceBase, 1UL << 12, true) };
        Assert.True(K.Boot(regions, regions.Length).IsOk);
        Assert.True(K.CreateRootThread().IsOk);
        Assert.True(K.BootInfo.FirstEmptySlot <= Free);
        AssertInvariants();
    }

    public Kernel K { get; }

    public Capability Root => K.RootCNodeCap;

    public uint RootThread => K.BootInfo.RootThread;

    /// <summary>The root thread's VSpace (root slot 3).</summary>
    public Capability RootVSpace => Cap(BootInfo.InitialVSpaceSlot);

    public uint Slot(uint rootIndex) => K.RootSlot(rootIndex);

    public Capability Cap(uint rootIndex) => K.Slot(K.RootSlot(rootIndex)).Cap;

    public uint VSpaceId(uint rootIndex) => Cap(rootIndex).Object.Index;

    public ulong PhysOf(uint rootIndex) => K.Object(Cap(rootIndex).Object).PhysAddr;

    public ref readonly Mapping RecordOf(uint rootIndex)
    {
        uint index = Kernel.MappingOf(Cap(rootIndex));
        Assert.NotEqual(Mapping.None, index);
        return ref K.Mappings[index];
    }

    public bool IsMapped(uint rootIndex) => Kernel.MappingOf(Cap(rootIndex)) != Mapping.None;

    public void Retype(ObjectType type, uint firstSlot, int count = 1) =>
        Ok(ScenarioKernel.Retype(K, type, 0, firstSlot, count));

    public void RetypeDeviceFrame(uint slot)
    {
        for (uint index = 0; index < K.BootInfo.UntypedCount; index++)
        {
            Capability untyped = Cap(BootInfo.FirstUntypedSlot + index);
            if (!K.Object(untyped.Object).IsDevice) continue;
            Ok(K.UntypedRetype(Slot(BootInfo.FirstUntypedSlot + index), ObjectType.Frame4K, 0, Root, 0, 0, slot, 1));
            return;
        }
        Assert.Fail("no device untyped");
    }

    public KernelResult Map(uint frame, uint vspace, ulong virtAddr, VmRights rights) =>
        K.FrameMap(Slot(frame), Cap(vspace), virtAddr, rights);

    public void Flush() => K.FlushMachineUpdates(ref Machine);

    public MachineCall[] FlushAndTake()
    {
        Machine.Log.Clear();
        Flush();
        AssertInvariants();
        MachineCall[] calls = Machine.Log.ToArray();
        Machine.Log.Clear();
        return calls;
    }

    public void Ok(KernelResult result) => ResultAssert.Ok(K, result);

    public void Fails(KernelResult result, KernelError error, ErrorReason reason) => ResultAssert.Fails(K, result, error, reason);

    public void AssertInvariants() => ResultAssert.CapabilityInvariantsHold(K);

    /// <summary>Every root slot's capability and every mapping record, to show a failed call changed nothing.</summary>
    public (Capability[] Caps, Mapping[] Records, (bool, uint, uint) Pending) State()
    {
        var caps = new Capability[K.BootInfo.RootCNodeSlotCount];
        for (uint index = 0; index < caps.Length; index++) caps[index] = Cap(index);
        var records = new Mapping[K.Mappings.Capacity];
        for (uint index = 0; index < records.Length; index++) records[index] = K.Mappings[index];
        return (caps, records, (K.Mappings.HasPendingChanges, K.Mappings.PendingLow, K.Mappings.PendingHigh));
    }

    public void AssertUnchanged((Capability[] Caps, Mapping[] Records, (bool, uint, uint) Pending) before)
    {
        (Capability[] caps, Mapping[] records, (bool, uint, uint) pending) = State();
        for (int index = 0; index < caps.Length; index++)
        {
            Assert.True(before.Caps[index].SameValueAs(caps[index]), $"root slot {index} changed by a failed call");
        }
        Assert.Equal(before.Records, records);
        Assert.Equal(before.Pending, pending);
    }
}

public sealed class MemoryTests
{
    private const uint Free = MemoryKernel.Free;
    private const int D = MemoryKernel.D;
    private const VmRights R = MemoryKernel.R;
    private const VmRights RW = MemoryKernel.RW;
    private const VmRights RX = MemoryKernel.RX;
    private const VmRights RWX = MemoryKernel.RWX;
    private const uint VS = BootInfo.InitialVSpaceSlot;

    [Fact]
    public void Map_then_flush_tells_the_machine_once_and_translation_sees_the_frame()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free);
        t.Ok(t.Map(Free, VS, 0x10000, RW));
        Assert.Equal(MappingState.PendingMap, t.RecordOf(Free).State);
        Assert.Equal(t.Slot(Free), t.RecordOf(Free).OwnerSlot);
        Assert.True(t.K.TranslateUserAddress(t.RootThread, 0x10123, RW, out ulong phys));
        Assert.Equal(t.PhysOf(Free) + 0x123, phys);

        Assert.Equal(new[] { MachineCall.Map(t.VSpaceId(VS), 0x10000, t.PhysOf(Free), 12, RW) }, t.FlushAndTake());
        Assert.Equal(MappingState.Mapped, t.RecordOf(Free).State);
        Assert.Empty(t.FlushAndTake());

        Assert.False(t.K.TranslateUserAddress(t.RootThread, 0x10000, VmRights.Execute, out _));
        Assert.False(t.K.TranslateUserAddress(t.RootThread, 0x11000, R, out _));
        Assert.False(t.K.TranslateUserAddress(t.RootThread, 0xFFFF, R, out _));
    }

    [Fact]
    public void Remap_changes_rights_in_place_and_the_machine_hears_a_map_with_the_new_rights()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free);
        t.Ok(t.Map(Free, VS, 0x20000, RW));
        t.FlushAndTake();
        t.Ok(t.K.FrameRemap(t.Slot(Free), R));
        Assert.Equal(MappingState.PendingRemap, t.RecordOf(Free).State);
        Assert.Equal(R, t.RecordOf(Free).Rights);
        Assert.False(t.K.TranslateUserAddress(t.RootThread, 0x20000, VmRights.Write, out _));
        Assert.Equal(new[] { MachineCall.Map(t.VSpaceId(VS), 0x20000, t.PhysOf(Free), 12, R) }, t.FlushAndTake());

        // seL4's remap: map the same cap again at the same VSpace and address.
        t.Ok(t.Map(Free, VS, 0x20000, RX));
        Assert.Equal(new[] { MachineCall.Map(t.VSpaceId(VS), 0x20000, t.PhysOf(Free), 12, RX) }, t.FlushAndTake());

        // Same rights again: nothing to tell.
        t.Ok(t.K.FrameRemap(t.Slot(Free), RX));
        Assert.Empty(t.FlushAndTake());

        // A remap of a mapping the machine has not seen yet is still one map.
        t.Retype(ObjectType.Frame4K, Free + 1);
        t.Ok(t.Map(Free + 1, VS, 0x21000, RWX));
        t.Ok(t.K.FrameRemap(t.Slot(Free + 1), R));
        Assert.Equal(new[] { MachineCall.Map(t.VSpaceId(VS), 0x21000, t.PhysOf(Free + 1), 12, R) }, t.FlushAndTake());
    }

    [Fact]
    public void Unmap_clears_the_cap_and_the_flush_unmaps_once()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free);
        t.Ok(t.Map(Free, VS, 0x30000, RW));
        t.FlushAndTake();
        uint record = Kernel.MappingOf(t.Cap(Free));
        t.Ok(t.K.FrameUnmap(t.Slot(Free)));
        Assert.False(t.IsMapped(Free));
        Assert.Equal(MappingState.PendingUnmap, t.K.Mappings[record].State);
        Assert.False(t.K.TranslateUserAddress(t.RootThread, 0x30000, R, out _));
        Assert.Equal(new[] { MachineCall.Unmap(t.VSpaceId(VS), 0x30000, 12) }, t.FlushAndTake());
        Assert.Equal(MappingState.Free, t.K.Mappings[record].State);

        // Unmapping an unmapped cap succeeds and does nothing (seL4).
        t.Ok(t.K.FrameUnmap(t.Slot(Free)));
        Assert.Empty(t.FlushAndTake());

        // The cap maps again, anywhere.
        t.Ok(t.Map(Free, VS, 0x40000, R));
        Assert.Single(t.FlushAndTake());
    }

    [Fact]
    public void A_mapping_unmapped_before_any_flush_never_reaches_the_machine()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free);
        t.Ok(t.Map(Free, VS, 0x30000, RW));
        t.Ok(t.K.FrameRemap(t.Slot(Free), R));
        t.Ok(t.K.FrameUnmap(t.Slot(Free)));
        Assert.Equal(t.K.Mappings.Capacity, t.K.Mappings.FreeCount);
        Assert.Empty(t.FlushAndTake());
    }

    [Fact]
    public void Large_frames_and_device_frames_map_with_their_size_and_memory_type()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame2M, Free);
        t.RetypeDeviceFrame(Free + 1);
        t.Fails(t.Map(Free, VS, 0x20_1000, RW), KernelError.AlignmentError, ErrorReason.MappingMisaligned);
        t.Ok(t.Map(Free, VS, 0x40_0000, RWX));
        t.Ok(t.Map(Free + 1, VS, 0x1000, RW));
        Assert.True(t.K.TranslateUserAddress(t.RootThread, 0x5F_FFFF, RWX, out ulong phys));
        Assert.Equal(t.PhysOf(Free) + 0x1F_FFFF, phys);
        // The kernel never reads device memory on a user's behalf.
        Assert.False(t.K.TranslateUserAddress(t.RootThread, 0x1000, R, out _));
        uint vspace = t.VSpaceId(VS);
        // A fresh table hands out records 0, 1, ...; maps are issued in record order.
        Assert.Equal(new[]
        {
            MachineCall.Map(vspace, 0x40_0000, t.PhysOf(Free), 21, RWX),
            MachineCall.Map(vspace, 0x1000, MemoryKernel.DeviceBase, 12, RW, isDevice: true),
        }, t.FlushAndTake());
    }

    [Fact]
    public void Errors_of_map_name_the_rule_and_change_nothing()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free, 2);
        t.RetypeDeviceFrame(Free + 3);
        t.Retype(ObjectType.VSpace, Free + 4);
        t.Retype(ObjectType.Endpoint, Free + 5);
        t.Retype(ObjectType.Frame2M, Free + 2);
        t.Ok(t.Map(Free + 1, VS, 0x10000, RW));
        t.Ok(t.Map(Free + 2, VS, 0x20_0000, RW));
        t.FlushAndTake();
        var before = t.State();

        void Check(KernelResult result, KernelError error, ErrorReason reason, int? argument = null)
        {
            t.Fails(result, error, reason);
            if (argument is int position) Assert.Equal(position, result.ArgumentPosition);
            t.AssertUnchanged(before);
        }

        // The service is not a frame cap (empty slot, other type, slot index out of the pool).
        Check(t.Map(Free + 6, VS, 0x50000, R), KernelError.InvalidCapability, ErrorReason.ServiceNotFrame, 0);
        Check(t.Map(Free + 5, VS, 0x50000, R), KernelError.InvalidCapability, ErrorReason.ServiceNotFrame, 0);
        Check(t.K.FrameMap(uint.MaxValue, t.RootVSpace, 0x50000, R), KernelError.InvalidCapability, ErrorReason.ServiceNotFrame, 0);
        // The VSpace argument is not a VSpace cap.
        Check(t.Map(Free, Free + 1, 0x50000, R), KernelError.InvalidCapability, ErrorReason.WrongCapabilityType, 1);
        Check(t.K.FrameMap(t.Slot(Free), Capability.Null(), 0x50000, R), KernelError.InvalidCapability, ErrorReason.WrongCapabilityType, 1);
        // Rights: must be readable and only R/W/X; no execute on device memory; nothing beyond the cap.
        Check(t.Map(Free, VS, 0x50000, VmRights.None), KernelError.InvalidArgument, ErrorReason.MappingRightsInvalid, 3);
        Check(t.Map(Free, VS, 0x50000, VmRights.Write), KernelError.InvalidArgument, ErrorReason.MappingRightsInvalid, 3);
        Check(t.Map(Free, VS, 0x50000, VmRights.Execute), KernelError.InvalidArgument, ErrorReason.MappingRightsInvalid, 3);
        Check(t.Map(Free, VS, 0x50000, R | (VmRights)8), KernelError.InvalidArgument, ErrorReason.MappingRightsInvalid, 3);
        Check(t.Map(Free + 3, VS, 0x50000, RX), KernelError.InvalidArgument, ErrorReason.ExecuteOnDeviceFrame, 3);
        // Already mapped elsewhere: another VSpace, or another address in the same one.
        Check(t.Map(Free + 1, Free + 4, 0x10000, RW), KernelError.InvalidCapability, ErrorReason.FrameAlreadyMapped, 1);
        Check(t.Map(Free + 1, VS, 0x11000, RW), KernelError.InvalidArgument, ErrorReason.FrameAlreadyMapped, 2);
        // Outside user space: the null page, the top, and ranges that wrap.
        foreach (ulong virtAddr in new[] { 0UL, 0x800UL, 1UL << 48, (1UL << 48) + 0x1000, ulong.MaxValue & ~0xFFFUL })
        {
            KernelResult range = t.Map(Free, VS, virtAddr, R);
            Check(range, KernelError.RangeError, ErrorReason.MappingOutsideUserSpace);
            Assert.Equal(VSpaceLayout.UserStartAddr, range.RangeMin);
            Assert.Equal((1UL << 48) - 1, range.RangeMax);
        }
        // Misaligned for the frame's size.
        Check(t.Map(Free, VS, 0x50800, R), KernelError.AlignmentError, ErrorReason.MappingMisaligned);
        // Overlap with a live mapping: the same page, and a page inside a 2 MiB mapping.
        Check(t.Map(Free, VS, 0x10000, R), KernelError.DeleteFirst, ErrorReason.MappingOverlaps);
        Check(t.Map(Free, VS, 0x3F_F000, R), KernelError.DeleteFirst, ErrorReason.MappingOverlaps);

        // The last 4 KiB and the last 2 MiB of user space are fine; a new VSpace may reuse a used address.
        t.Ok(t.Map(Free, VS, (1UL << 48) - 0x1000, R));
        t.Ok(t.Map(Free, VS, (1UL << 48) - 0x1000, R));
        t.Ok(t.K.FrameUnmap(t.Slot(Free)));
        t.Ok(t.Map(Free, Free + 4, 0x10000, R));
    }

    [Fact]
    public void Rights_no_wider_than_the_cap()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free);
        t.Ok(t.K.CNodeCopy(t.Root, Free + 1, D, t.Root, Free, D, CapRights.Read));
        t.Ok(t.K.CNodeCopy(t.Root, Free + 2, D, t.Root, Free, D, CapRights.Write));
        t.Ok(t.K.CNodeCopy(t.Root, Free + 3, D, t.Root, Free, D, CapRights.Grant));
        var before = t.State();
        KernelResult wide = t.Map(Free + 1, VS, 0x10000, RW);
        t.Fails(wide, KernelError.InvalidArgument, ErrorReason.RightsWiderThanCap);
        Assert.Equal(3, wide.ArgumentPosition);
        t.Fails(t.Map(Free + 2, VS, 0x10000, R), KernelError.InvalidArgument, ErrorReason.RightsWiderThanCap);
        t.Fails(t.Map(Free + 3, VS, 0x10000, R), KernelError.InvalidArgument, ErrorReason.RightsWiderThanCap);
        t.AssertUnchanged(before);
        // A read-only cap maps readable and executable.
        t.Ok(t.Map(Free + 1, VS, 0x10000, RX));
        before = t.State();
        KernelResult remap = t.K.FrameRemap(t.Slot(Free + 1), RW);
        t.Fails(remap, KernelError.InvalidArgument, ErrorReason.RightsWiderThanCap);
        Assert.Equal(1, remap.ArgumentPosition);
        t.Fails(t.K.FrameRemap(t.Slot(Free + 1), VmRights.Execute), KernelError.InvalidArgument, ErrorReason.MappingRightsInvalid);
        t.AssertUnchanged(before);
    }

    [Fact]
    public void Errors_of_unmap_and_remap()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free);
        t.Retype(ObjectType.Endpoint, Free + 1);
        var before = t.State();
        t.Fails(t.K.FrameUnmap(t.Slot(Free + 1)), KernelError.InvalidCapability, ErrorReason.ServiceNotFrame);
        t.Fails(t.K.FrameUnmap(t.Slot(Free + 2)), KernelError.InvalidCapability, ErrorReason.ServiceNotFrame);
        t.Fails(t.K.FrameUnmap(uint.MaxValue), KernelError.InvalidCapability, ErrorReason.ServiceNotFrame);
        t.Fails(t.K.FrameRemap(t.Slot(Free + 1), R), KernelError.InvalidCapability, ErrorReason.ServiceNotFrame);
        KernelResult unmapped = t.K.FrameRemap(t.Slot(Free), R);
        t.Fails(unmapped, KernelError.InvalidCapability, ErrorReason.FrameNotMapped);
        Assert.Equal(0, unmapped.ArgumentPosition);
        t.AssertUnchanged(before);
    }

    [Fact]
    public void A_destroyed_VSpace_is_an_invalid_capability_and_translation_fails()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free);
        t.Retype(ObjectType.VSpace, Free + 1);
        Capability stale = t.Cap(Free + 1);
        t.Ok(t.K.CNodeDelete(t.Root, Free + 1, D));
        var before = t.State();
        KernelResult result = t.K.FrameMap(t.Slot(Free), stale, 0x10000, R);
        t.Fails(result, KernelError.InvalidCapability, ErrorReason.VSpaceDestroyed);
        Assert.Equal(1, result.ArgumentPosition);
        t.AssertUnchanged(before);

        t.Ok(t.Map(Free, VS, 0x10000, R));
        Assert.True(t.K.TranslateUserAddress(t.RootThread, 0x10000, R, out _));
        // The thread's VSpace root is a copy in its TCB derived from the VSpace's original capability: deleting the
        // original leaves the copy (and the VSpace); revoking it removes the thread's root.
        t.Ok(t.K.CNodeRevoke(t.Root, VS, D));
        Assert.False(t.K.TranslateUserAddress(t.RootThread, 0x10000, R, out _));
        Assert.False(t.K.TranslateUserAddress(uint.MaxValue, 0x10000, R, out _));
    }

    [Fact]
    public void A_full_table_fails_with_MappingTableFull_until_the_flush_frees_pending_unmaps()
    {
        var t = new MemoryKernel(mappingCapacity: 2);
        t.Retype(ObjectType.Frame4K, Free, 3);
        t.Ok(t.Map(Free, VS, 0x10000, R));
        t.Ok(t.Map(Free + 1, VS, 0x11000, R));
        var before = t.State();
        t.Fails(t.Map(Free + 2, VS, 0x12000, R), KernelError.NotEnoughMemory, ErrorReason.MappingTableFull);
        t.AssertUnchanged(before);
        Assert.Equal(2, t.FlushAndTake().Length);
        // Both records now wait for the machine to hear of their unmap: still full.
        t.Ok(t.K.FrameUnmap(t.Slot(Free)));
        t.Ok(t.K.FrameUnmap(t.Slot(Free + 1)));
        t.Fails(t.Map(Free + 2, VS, 0x12000, R), KernelError.NotEnoughMemory, ErrorReason.MappingTableFull);
        Assert.Equal(2, t.FlushAndTake().Length);
        t.Ok(t.Map(Free + 2, VS, 0x12000, R));
    }

    [Fact]
    public void Zero_mapping_capacity_is_legal_and_nothing_maps()
    {
        var t = new MemoryKernel(mappingCapacity: 0);
        t.Retype(ObjectType.Frame4K, Free);
        t.Fails(t.Map(Free, VS, 0x10000, R), KernelError.NotEnoughMemory, ErrorReason.MappingTableFull);
        Assert.Empty(t.FlushAndTake());
    }

    [Fact]
    public void A_copy_of_a_mapped_cap_starts_unmapped_and_maps_elsewhere()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free);
        t.Retype(ObjectType.VSpace, Free + 3);
        t.Ok(t.Map(Free, VS, 0x10000, RW));
        t.Ok(t.K.CNodeCopy(t.Root, Free + 1, D, t.Root, Free, D, CapRights.All));
        t.Ok(t.K.CNodeMint(t.Root, Free + 2, D, t.Root, Free, D, CapRights.Read, 0x55));
        Assert.False(t.IsMapped(Free + 1));
        Assert.False(t.IsMapped(Free + 2));
        Assert.True(t.IsMapped(Free));
        // The copy maps the same frame at a second address and into another VSpace.
        t.Ok(t.Map(Free + 1, VS, 0x20000, RW));
        t.Ok(t.Map(Free + 2, Free + 3, 0x10000, R));
        Assert.Equal(t.RecordOf(Free).PhysAddr, t.RecordOf(Free + 1).PhysAddr);
        Assert.Equal(3, t.FlushAndTake().Length);
        // Each mapping belongs to its own cap.
        t.Ok(t.K.FrameUnmap(t.Slot(Free)));
        Assert.True(t.IsMapped(Free + 1));
        Assert.Equal(new[] { MachineCall.Unmap(t.VSpaceId(VS), 0x10000, 12) }, t.FlushAndTake());
    }

    [Fact]
    public void Moving_or_swapping_a_mapped_cap_carries_its_mapping()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free, 2);
        t.Ok(t.Map(Free, VS, 0x10000, RW));
        t.Ok(t.Map(Free + 1, VS, 0x11000, R));
        t.Ok(t.K.CNodeMove(t.Root, Free + 5, D, t.Root, Free, D));
        Assert.Equal(t.Slot(Free + 5), t.RecordOf(Free + 5).OwnerSlot);
        t.Ok(t.K.CNodeMutate(t.Root, Free + 6, D, t.Root, Free + 5, D, 0));
        Assert.Equal(t.Slot(Free + 6), t.RecordOf(Free + 6).OwnerSlot);
        t.Ok(t.K.CNodeRotate(t.Root, Free + 1, D, 0, t.Root, Free + 6, D, 0, t.Root, Free + 1, D));
        Assert.Equal(0x10000UL, t.RecordOf(Free + 1).VirtAddr);
        Assert.Equal(0x11000UL, t.RecordOf(Free + 6).VirtAddr);
        Assert.Equal(t.Slot(Free + 1), t.RecordOf(Free + 1).OwnerSlot);
        Assert.Equal(t.Slot(Free + 6), t.RecordOf(Free + 6).OwnerSlot);
        t.Ok(t.K.FrameUnmap(t.Slot(Free + 6)));
        Assert.Equal(0x10000UL, t.RecordOf(Free + 1).VirtAddr);
        // Never flushed, so only the mapping that is left reaches the machine.
        Assert.Equal(new[] { MachineCall.Map(t.VSpaceId(VS), 0x10000, t.PhysOf(Free + 1), 12, RW) }, t.FlushAndTake());
    }

    [Fact]
    public void Deleting_a_mapped_cap_unmaps_it_even_when_other_caps_to_the_frame_remain()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free);
        t.Ok(t.K.CNodeCopy(t.Root, Free + 1, D, t.Root, Free, D, CapRights.All));
        t.Ok(t.Map(Free + 1, VS, 0x10000, RW));
        t.FlushAndTake();
        t.Ok(t.K.CNodeDelete(t.Root, Free + 1, D));
        Assert.False(t.K.TranslateUserAddress(t.RootThread, 0x10000, R, out _));
        Assert.Equal(new[] { MachineCall.Unmap(t.VSpaceId(VS), 0x10000, 12) }, t.FlushAndTake());
        Assert.Empty(t.FlushAndTake());
        // Revoking the original deletes mapped copies too.
        t.Ok(t.K.CNodeCopy(t.Root, Free + 2, D, t.Root, Free, D, CapRights.All));
        t.Ok(t.Map(Free + 2, VS, 0x20000, RW));
        t.FlushAndTake();
        t.Ok(t.K.CNodeRevoke(t.Root, Free, D));
        Assert.Equal(new[] { MachineCall.Unmap(t.VSpaceId(VS), 0x20000, 12) }, t.FlushAndTake());
    }

    [Fact]
    public void Destroying_a_VSpace_unmaps_everything_in_it_and_leaves_its_frame_caps_unmapped()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.VSpace, Free);
        t.Retype(ObjectType.Frame4K, Free + 1, 3);
        uint vspace = t.VSpaceId(Free);
        t.Ok(t.Map(Free + 1, Free, 0x10000, R));
        t.Ok(t.Map(Free + 2, Free, 0x20000, RW));
        t.Ok(t.Map(Free + 3, VS, 0x10000, R));
        t.FlushAndTake();
        t.Ok(t.Map(Free + 1, Free, 0x10000, RW));
        // A copy of the VSpace cap keeps it alive; the last cap destroys it.
        t.Ok(t.K.CNodeCopy(t.Root, Free + 4, D, t.Root, Free, D, CapRights.All));
        t.Ok(t.K.CNodeDelete(t.Root, Free, D));
        Assert.True(t.IsMapped(Free + 1));
        t.Ok(t.K.CNodeDelete(t.Root, Free + 4, D));
        Assert.False(t.IsMapped(Free + 1));
        Assert.False(t.IsMapped(Free + 2));
        Assert.True(t.IsMapped(Free + 3));
        MachineCall[] calls = t.FlushAndTake();
        Assert.Equal(2, calls.Length);
        Assert.Contains(MachineCall.Unmap(vspace, 0x10000, 12), calls);
        Assert.Contains(MachineCall.Unmap(vspace, 0x20000, 12), calls);
        // The frames map again.
        t.Ok(t.Map(Free + 1, VS, 0x30000, R));
    }

    [Fact]
    public void Revoking_the_untyped_that_holds_the_VSpace_unmaps_everything()
    {
        var t = new MemoryKernel();
        uint untyped = ScenarioKernel.LargestRamUntyped(t.K);
        t.Retype(ObjectType.VSpace, Free);
        t.Retype(ObjectType.Frame4K, Free + 1, 4);
        uint vspace = t.VSpaceId(Free);
        t.Ok(t.Map(Free + 1, Free, 0x10000, R));
        t.Ok(t.Map(Free + 2, Free, 0x11000, R));
        t.Ok(t.Map(Free + 3, VS, 0x10000, R));
        t.FlushAndTake();
        t.Ok(t.Map(Free + 4, Free, 0x12000, R)); // never reaches the machine
        t.Ok(t.K.CNodeRevoke(t.Root, untyped, D));
        Assert.True(t.Cap(Free).IsNull);
        Assert.True(t.Cap(VS).IsNull);
        Assert.Equal(t.K.Mappings.Capacity - 3, t.K.Mappings.FreeCount);
        MachineCall[] calls = t.FlushAndTake();
        Assert.Equal(3, calls.Length);
        Assert.All(calls, call => Assert.Equal(MachineCallKind.UnmapPage, call.Kind));
        Assert.Contains(MachineCall.Unmap(vspace, 0x10000, 12), calls);
        Assert.Contains(MachineCall.Unmap(vspace, 0x11000, 12), calls);
        Assert.Equal(t.K.Mappings.Capacity, t.K.Mappings.FreeCount);
    }

    [Fact]
    public void The_flush_issues_unmaps_then_maps_each_in_record_order()
    {
        MachineCall[] Run()
        {
            var t = new MemoryKernel();
            t.Retype(ObjectType.Frame4K, Free, 6);
            uint vspace = t.VSpaceId(VS);
            for (uint frame = 0; frame < 3; frame++) t.Ok(t.Map(Free + frame, VS, 0x10000 + frame * 0x1000, RW));
            Assert.Equal(new[]
            {
                MachineCall.Map(vspace, 0x10000, t.PhysOf(Free), 12, RW),
                MachineCall.Map(vspace, 0x11000, t.PhysOf(Free + 1), 12, RW),
                MachineCall.Map(vspace, 0x12000, t.PhysOf(Free + 2), 12, RW),
            }, t.FlushAndTake());
            // Unmap the third, remap the first, unmap the second and put a new frame at its address.
            t.Ok(t.K.FrameUnmap(t.Slot(Free + 2)));
            t.Ok(t.K.FrameRemap(t.Slot(Free), R));
            t.Ok(t.K.FrameUnmap(t.Slot(Free + 1)));
            t.Ok(t.Map(Free + 3, VS, 0x11000, RX));
            MachineCall[] calls = t.FlushAndTake();
            Assert.Equal(new[]
            {
                MachineCall.Unmap(vspace, 0x11000, 12),
                MachineCall.Unmap(vspace, 0x12000, 12),
                MachineCall.Map(vspace, 0x10000, t.PhysOf(Free), 12, R),
                MachineCall.Map(vspace, 0x11000, t.PhysOf(Free + 3), 12, RX),
            }, calls);
            return calls;
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void FlushMachineUpdates_also_flushes_interrupt_lines()
    {
        var t = new MemoryKernel();
        t.Ok(t.K.IrqControlGet(t.Slot(BootInfo.IrqControlSlot), 5, t.Root, Free, D));
        t.Retype(ObjectType.Notification, Free + 1);
        t.Ok(t.K.IrqHandlerSetNotification(t.K.RootSlot(Free), t.K.RootSlot(Free + 1)));
        t.Retype(ObjectType.Frame4K, Free + 2);
        t.Ok(t.Map(Free + 2, VS, 0x10000, R));
        MachineCall[] calls = t.FlushAndTake();
        Assert.Equal(2, calls.Length);
        Assert.Equal(MachineCallKind.SetIrqEnabled, calls[0].Kind);
        Assert.Equal(MachineCallKind.MapPage, calls[1].Kind);
    }

    /// <summary>Objects may share memory only nested in an Untyped: a frame moved to overlap another is reported with the
    /// pair (the fast sweep finds it and the pairwise check names it), frames inside their Untyped are not.</summary>
    [Fact]
    public void The_invariant_checker_names_two_overlapping_objects()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free, 3);
        Assert.True(t.K.CheckInvariants().IsNone);
        uint first = t.Cap(Free).Object.Index, third = t.Cap(Free + 2).Object.Index;
        t.K.Objects[third].PhysAddr = t.K.Objects[first].PhysAddr + 0x800;
        InvariantViolation overlap = t.K.CheckInvariants();
        Assert.Equal(InvariantKind.ObjectsOverlap, overlap.Kind);
        Assert.Equal((System.Math.Min(first, third), System.Math.Max(first, third)), (overlap.Slot, overlap.Other));
        t.K.Objects[third].PhysAddr = t.K.Objects[first].PhysAddr;
        Assert.Equal(InvariantKind.ObjectsOverlap, t.K.CheckInvariants().Kind);
    }

    [Fact]
    public void The_invariant_checker_catches_corrupted_mappings()
    {
        InvariantKind Corrupt(Action<MemoryKernel, uint, uint> corrupt)
        {
            var t = new MemoryKernel();
            t.Retype(ObjectType.Frame4K, Free, 2);
            t.Ok(t.Map(Free, VS, 0x10000, R));
            t.Ok(t.Map(Free + 1, VS, 0x11000, R));
            t.FlushAndTake();
            corrupt(t, Kernel.MappingOf(t.Cap(Free)), Kernel.MappingOf(t.Cap(Free + 1)));
            return t.K.CheckInvariants().Kind;
        }
        Assert.Equal(InvariantKind.MappingsOverlap, Corrupt((t, a, b) => t.K.Mappings[b].VirtAddr = 0x10000));
        Assert.Equal(InvariantKind.MappingOwnerBroken, Corrupt((t, a, b) => t.K.Mappings[a].OwnerSlot = t.Slot(Free + 1)));
        Assert.Equal(InvariantKind.MappingPendingLost, Corrupt((t, a, b) => t.K.Mappings[a].State = MappingState.PendingRemap));
        Assert.Equal(InvariantKind.MappingMalformed, Corrupt((t, a, b) => t.K.Mappings[a].VirtAddr = 0x10800));
        Assert.Equal(InvariantKind.MappingListBroken, Corrupt((t, a, b) => t.K.Mappings[b].Prev = b));
        Assert.Equal(InvariantKind.MappingRightsExceedCap, Corrupt((t, a, b) =>
        {
            t.Ok(t.K.CNodeCopy(t.Root, Free + 2, D, t.Root, Free, D, CapRights.Read));
            t.Ok(t.Map(Free + 2, VS, 0x12000, R));
            t.K.Mappings[Kernel.MappingOf(t.Cap(Free + 2))].Rights = RW;
        }));
    }

    [Fact]
    public void Map_unmap_and_flush_allocate_nothing_after_warm_up()
    {
        var t = new MemoryKernel();
        t.Retype(ObjectType.Frame4K, Free, 2);
        uint frame = t.Slot(Free);
        uint copy = t.Slot(Free + 1);
        Capability vspace = t.RootVSpace;
        Kernel k = t.K;
        void Cycle(ref RecordingMachine machine)
        {
            machine.Log.Clear();
            Assert.True(k.FrameMap(frame, vspace, 0x10000, RW).IsOk);
            Assert.True(k.FrameMap(copy, vspace, 0x20_0000, R).IsOk);
            k.FlushMachineUpdates(ref machine);
            Assert.True(k.FrameRemap(frame, R).IsOk);
            Assert.True(k.FrameUnmap(copy).IsOk);
            k.TranslateUserAddress(t.RootThread, 0x10000, R, out _);
            k.FlushMachineUpdates(ref machine);
            Assert.True(k.FrameUnmap(frame).IsOk);
            k.FlushMachineUpdates(ref machine);
        }
        long allocated = SteadyStateAllocation.LeastBytesPerWindow(() => Cycle(ref t.Machine), 10, 1000);
        Assert.Equal(0, allocated);
        t.AssertInvariants();
    }
}
