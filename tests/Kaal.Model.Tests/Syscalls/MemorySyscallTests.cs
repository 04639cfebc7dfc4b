using Xunit;
using static Kaal.Model.Tests.Syscalls.SyscallRig;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>The memory syscalls through the dispatcher: success, and each error with its register number.</summary>
public sealed class MemorySyscallTests
{
    private const ulong Rw = (ulong)(VmRights.Read | VmRights.Write);
    private const ulong R = (ulong)VmRights.Read;
    private const ulong Page = 0x40_0000;

    private static SyscallRig WithFrame(out ulong frame)
    {
        var r = new SyscallRig();
        frame = F;
        r.Ok(Syscall.MemoryAllocate, r.Untyped, 12, frame);
        return r;
    }

    [Fact]
    public void Map_remap_unmap_succeed_and_map_again_at_the_same_place_changes_rights()
    {
        SyscallRig r = WithFrame(out ulong frame);
        r.Ok(Syscall.MemoryMap, frame, Page, Rw);
        r.Ok(Syscall.MemoryMap, frame, Page, R);
        r.Ok(Syscall.MemoryRemap, frame, Rw);
        r.Ok(Syscall.MemoryUnmap, frame);
        r.Ok(Syscall.MemoryUnmap, frame);
        r.Ok(Syscall.MemoryMapInto, BootInfo.InitialVSpaceSlot, frame, Page + 0x1000, R);
    }

    [Fact]
    public void Map_errors_name_the_register()
    {
        SyscallRig r = WithFrame(out ulong frame);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.MappingRightsInvalid, 2), Syscall.MemoryMap, frame, Page, (ulong)VmRights.Write);
        r.Fails(new Err(KernelError.AlignmentError, ErrorReason.MappingMisaligned), Syscall.MemoryMap, frame, Page + 8, R);
        r.Fails(new Err(KernelError.RangeError, ErrorReason.MappingOutsideUserSpace, Min: 0x1000, Max: (1UL << 48) - 1), Syscall.MemoryMap, frame, 0, R);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.MappingRightsInvalid, 3), Syscall.MemoryMapInto, BootInfo.InitialVSpaceSlot, frame, Page, 0x80);
        r.Fails(new Err(KernelError.InvalidCapability, ErrorReason.WrongCapabilityType, 0), Syscall.MemoryMapInto, BootInfo.RootCNodeSlot, frame, Page, R);
        r.Create(ObjectType.Endpoint, F + 1);
        r.Fails(new Err(KernelError.InvalidCapability, ErrorReason.WrongCapabilityType, 0), Syscall.MemoryMap, F + 1, Page, R);
    }

    [Fact]
    public void Overlap_and_rights_wider_than_the_cap_are_refused()
    {
        SyscallRig r = WithFrame(out ulong frame);
        r.Ok(Syscall.MemoryAllocate, r.Untyped, 12, F + 1);
        r.Ok(Syscall.MemoryMap, frame, Page, R);
        r.Fails(new Err(KernelError.DeleteFirst, ErrorReason.MappingOverlaps), Syscall.MemoryMap, F + 1, Page, R);
        r.Ok(Syscall.CapCopy, Root, F + 2, D, Root, F + 1, D, (ulong)CapRights.Read);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.RightsWiderThanCap, 2), Syscall.MemoryMap, F + 2, Page + 0x1000, Rw);
        r.Ok(Syscall.MemoryMap, F + 2, Page + 0x1000, R);
    }

    [Fact]
    public void Remap_of_an_unmapped_frame_and_allocate_of_a_bad_size_are_errors()
    {
        SyscallRig r = WithFrame(out ulong frame);
        r.Fails(new Err(KernelError.InvalidCapability, ErrorReason.FrameNotMapped, 0), Syscall.MemoryRemap, frame, R);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.ObjectSizeOutOfRange, 1), Syscall.MemoryAllocate, r.Untyped, 13, F + 5);
    }

    [Fact]
    public void DebugPrint_needs_readable_memory_and_a_bounded_length()
    {
        SyscallRig r = WithFrame(out ulong frame);
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.NotMappedInVSpace, 0), Syscall.DebugPrint, Page, 1);
        r.Fails(new Err(KernelError.RangeError, ErrorReason.DebugPrintTooLong, Min: 0, Max: Kernel.DebugPrintMaxBytes), Syscall.DebugPrint, Page, Kernel.DebugPrintMaxBytes + 1);
        r.Ok(Syscall.MemoryMap, frame, Page, R);
        r.Ok(Syscall.DebugPrint, Page, 16);
        Assert.Equal(16, r.S.Machine.ConsoleLength);
    }

    /// <summary>DEBUG_PRINT translates once per page: a buffer over two pages whose frames are not adjacent in physical
    /// memory in that order (the second page's frame lies below the first's) prints each byte from its own frame.</summary>
    [Fact]
    public void DebugPrint_reads_each_page_of_a_buffer_through_its_own_mapping()
    {
        var r = new SyscallRig();
        r.Ok(Syscall.MemoryAllocate, r.Untyped, 12, F);
        ulong lowPhysAddr = r.Reg(r.RootThread, 1);
        r.Ok(Syscall.MemoryAllocate, r.Untyped, 12, F + 1);
        ulong highPhysAddr = r.Reg(r.RootThread, 1);
        Assert.True(highPhysAddr > lowPhysAddr, "the second page's frame lies below the first's");
        r.Ok(Syscall.MemoryMap, F + 1, Page, R);
        r.Ok(Syscall.MemoryMap, F, Page + 0x1000, R);
        r.S.Machine.WriteWord(highPhysAddr + 0xFF8, 0x6463_6261_0000_0000); // "abcd" in the last 4 bytes of the first page
        r.S.Machine.WriteWord(lowPhysAddr, 0x6867_6665); // "efgh" at the start of the second
        r.Ok(Syscall.DebugPrint, Page + 0xFFC, 8);
        Assert.Equal(8, r.S.Machine.ConsoleLength);
        for (int index = 0; index < 8; index++) Assert.Equal((byte)('a' + index), r.S.Machine.ConsoleByte(index));
    }
}
