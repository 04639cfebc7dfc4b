namespace Kaal.Model;

/// <summary>
/// Frame invocations, as seL4's decodeARMFrameInvocation (Map, Unmap) plus an explicit Remap. The
/// mapping belongs to the frame CAPABILITY: a frame cap maps at most once, and a derived copy starts
/// unmapped, so mapping a frame twice takes two caps. The rights of a mapping are never wider than the
/// cap's (<see cref="VSpaceLayout.AllowedBy"/>). Every check happens before the first change; the
/// machine hears of the change when the kernel exits (<see cref="FlushMachineUpdates"/>).
/// Argument positions in errors: 0 the frame cap, 1 the VSpace cap, 2 the address, 3 the rights
/// (Remap: 1 the rights).
/// </summary>
public sealed partial class Kernel
{
    /// <summary>
    /// Maps the frame whose capability is in <paramref name="frameSlot"/> into <paramref name="vspaceCap"/>'s
    /// address space at <paramref name="virtAddr"/> with <paramref name="rights"/>. Mapping an already mapped
    /// cap again at the same VSpace and address changes its rights (seL4's remap); anywhere else is an error.
    /// </summary>
    public KernelResult FrameMap(uint frameSlot, in Capability vspaceCap, ulong virtAddr, VmRights rights)
    {
        KernelResult result = LookupFrameCap(frameSlot, out Capability frameCap);
        if (!result.IsOk) return result;
        if (vspaceCap.Type != CapType.VSpace)
        {
            return KernelResult.InvalidCapability(ErrorReason.WrongCapabilityType, 1);
        }
        if (!_objects.IsLive(vspaceCap.Object))
        {
            return KernelResult.InvalidCapability(ErrorReason.VSpaceDestroyed, 1);
        }
        ref KernelObject frame = ref _objects.Get(frameCap.Object);
        result = CheckMappingRights(frameCap, frame.IsDevice, rights, 3);
        if (!result.IsOk) return result;
        uint existing = MappingOf(frameCap);
        if (existing != Mapping.None)
        {
            ref Mapping record = ref _mappings[existing];
            if (!record.VSpace.SameAs(vspaceCap.Object))
            {
                return KernelResult.InvalidCapability(ErrorReason.FrameAlreadyMapped, 1);
            }
            if (record.VirtAddr != virtAddr)
            {
                return KernelResult.InvalidArgument(ErrorReason.FrameAlreadyMapped, 2);
            }
            ChangeMappingRights(existing, rights);
            return KernelResult.Ok();
        }
        ulong sizeBytes = frame.SizeBytes;
        if (!VSpaceLayout.IsUserRange(virtAddr, sizeBytes))
        {
            return KernelResult.Range(ErrorReason.MappingOutsideUserSpace, VSpaceLayout.UserStartAddr, VSpaceLayout.UserEndAddr - 1);
        }
        if ((virtAddr & (sizeBytes - 1)) != 0)
        {
            return KernelResult.Fail(KernelError.AlignmentError, ErrorReason.MappingMisaligned);
        }
        if (FindMappingAt(vspaceCap.Object, virtAddr, sizeBytes) != Mapping.None)
        {
            return KernelResult.Fail(KernelError.DeleteFirst, ErrorReason.MappingOverlaps);
        }
        uint index = _mappings.Allocate();
        if (index == Mapping.None)
        {
            return KernelResult.NotEnoughMemory(ErrorReason.MappingTableFull, 0);
        }
        AddMapping(index, frameSlot, vspaceCap.Object, virtAddr, rights);
        return KernelResult.Ok();
    }

    /// <summary>Unmaps the frame cap's mapping. An unmapped cap is left as it is and the call succeeds, as in seL4.</summary>
    public KernelResult FrameUnmap(uint frameSlot)
    {
        KernelResult result = LookupFrameCap(frameSlot, out Capability frameCap);
        if (!result.IsOk) return result;
        uint index = MappingOf(frameCap);
        if (index != Mapping.None) RemoveMapping(index);
        return KernelResult.Ok();
    }

    /// <summary>Gives the frame cap's mapping new rights at the same address (seL4: map again in place).</summary>
    public KernelResult FrameRemap(uint frameSlot, VmRights rights)
    {
        KernelResult result = LookupFrameCap(frameSlot, out Capability frameCap);
        if (!result.IsOk) return result;
        result = CheckMappingRights(frameCap, _objects.Get(frameCap.Object).IsDevice, rights, 1);
        if (!result.IsOk) return result;
        uint index = MappingOf(frameCap);
        if (index == Mapping.None)
        {
            return KernelResult.InvalidCapability(ErrorReason.FrameNotMapped, 0);
        }
        ChangeMappingRights(index, rights);
        return KernelResult.Ok();
    }

    private KernelResult LookupFrameCap(uint frameSlot, out Capability frameCap)
    {
        frameCap = frameSlot < _slots.SlotCount ? _slots[frameSlot].Cap : Capability.Null();
        if (frameCap.Type != CapType.Frame)
        {
            return KernelResult.InvalidCapability(ErrorReason.ServiceNotFrame, 0);
        }
        return KernelResult.Ok();
    }

    /// <summary>
    /// The rights rule: a mapping is readable (AArch64 page tables cannot express write-only, and
    /// execute-only is not offered), only Read/Write/Execute bits, no Execute on device memory, and
    /// nothing the capability does not allow (Read and Execute need cap Read, Write needs cap Write).
    /// </summary>
    private static KernelResult CheckMappingRights(in Capability frameCap, bool isDevice, VmRights rights, int argumentPosition)
    {
        if ((rights & ~VSpaceLayout.AllRights) != 0 || (rights & VmRights.Read) == 0)
        {
            return KernelResult.InvalidArgument(ErrorReason.MappingRightsInvalid, argumentPosition);
        }
        if (isDevice && (rights & VmRights.Execute) != 0)
        {
            return KernelResult.InvalidArgument(ErrorReason.ExecuteOnDeviceFrame, argumentPosition);
        }
        if ((rights & ~VSpaceLayout.AllowedBy(frameCap.Rights)) != 0)
        {
            return KernelResult.InvalidArgument(ErrorReason.RightsWiderThanCap, argumentPosition);
        }
        return KernelResult.Ok();
    }
}
