using Kaal.Sdk.Boot;
using Kaal.Model;
using Kaal.Sdk.Elf;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>Why the kernel refuses a root-task ELF that <see cref="ElfReader"/> accepted.</summary>
internal enum RootImageError
{
    None = 0,
    /// <summary>p_vaddr is not on a page boundary: a page would hold two segments with different rights.</summary>
    SegmentNotPageAligned,
    /// <summary>p_flags has both PF_W and PF_X: no page is ever writable and executable.</summary>
    WritableAndExecutable,
    /// <summary>p_flags is not R, R+W or R+X (e.g. execute-only or no access).</summary>
    BadSegmentFlags,
    /// <summary>A segment's pages meet the registry, the image store, the boot information page or the stack (with its guard page).</summary>
    SegmentInFixedWindow,
    /// <summary>The registry does not fit its window below <see cref="RootImageRules.RegistryWindowEndVirtAddr"/>.</summary>
    RegistryTooLarge,
    /// <summary>The image store does not fit its window below <see cref="RootImageRules.StoreWindowEndVirtAddr"/>.</summary>
    StoreTooLarge,
}

/// <summary>The refused rule, the program header it is about (-1 for none) and the offending value.</summary>
internal struct RootImageProblem
{
    public RootImageError Error;
    public int ProgramHeader;
    public ulong Value;

    public readonly bool IsOk => Error == RootImageError.None;

    public static RootImageProblem Of(RootImageError error, int programHeader, ulong value) =>
        new RootImageProblem { Error = error, ProgramHeader = programHeader, Value = value };
}

/// <summary>
/// What the kernel requires of the root task's ELF beyond <see cref="ElfReader"/>'s checks (bounds, magic, class,
/// machine, overlap between segments), and where it puts the rest of the root task. Portable (the kernel compiles it,
/// and tests/Kaal.Kernel.Arm64.Tests runs it on the host): no exceptions, no strings, bounded loops.
/// The fixed windows of the root task's address space:
/// - the registry, read-only, at <see cref="BootInfoLayout.RegistryVirtAddr"/> (up to <see cref="RegistryWindowEndVirtAddr"/>),
///   with the read/write page for its array header just below;
/// - the image store (docs/hot-reload.md), if the system has one, read-only at <see cref="BootInfoLayout.ImageStoreVirtAddr"/>
///   (up to <see cref="StoreWindowEndVirtAddr"/>), with the read/write page for its array header just below;
/// - the boot information page, read-only, at <see cref="BootInfoLayout.VirtAddr"/>;
/// - the stack, <see cref="StackPages"/> pages read/write and never executable, from <see cref="StackBaseVirtAddr"/>
///   (where a spawned component's stack starts too) to <see cref="StackTopVirtAddr"/>, with the page below left
///   unmapped so an overflow faults instead of running into other memory.
/// </summary>
internal static class RootImageRules
{
    public const ulong PageBytes = 4096;
    public const ulong StackBaseVirtAddr = 0x7001_0000;
    public const ulong StackPages = 16;
    public const ulong StackTopVirtAddr = StackBaseVirtAddr + StackPages * PageBytes;
    /// <summary>The registry ends below the image store's array header page.</summary>
    public const ulong RegistryWindowEndVirtAddr = BootInfoLayout.ImageStoreVirtAddr - PageBytes;
    /// <summary>The root task maps its scratch window here (Kaal.Sdk ArgsLayout.ScratchVirtAddr): the image store ends below.</summary>
    public const ulong StoreWindowEndVirtAddr = 0x6800_0000;

    private const uint ReadOnly = ElfSegment.FlagRead;
    private const uint ReadWrite = ElfSegment.FlagRead | ElfSegment.FlagWrite;
    private const uint ReadExecute = ElfSegment.FlagRead | ElfSegment.FlagExecute;

    /// <summary>The first rule <paramref name="image"/> (validated by <see cref="ElfReader.Read"/>) breaks, with a
    /// registry of <paramref name="registryBytes"/> and an image store of <paramref name="storeBytes"/> (0: none);
    /// <see cref="RootImageError.None"/> if it breaks none.</summary>
    public static RootImageProblem Check(ElfImage image, ulong registryBytes, ulong storeBytes)
    {
        if (registryBytes > RegistryWindowEndVirtAddr - BootInfoLayout.RegistryVirtAddr)
        {
            return RootImageProblem.Of(RootImageError.RegistryTooLarge, -1, registryBytes);
        }
        if (storeBytes > StoreWindowEndVirtAddr - BootInfoLayout.ImageStoreVirtAddr)
        {
            return RootImageProblem.Of(RootImageError.StoreTooLarge, -1, storeBytes);
        }
        ulong registryEnd = BootInfoLayout.RegistryVirtAddr + PageRoundUp(registryBytes);
        ulong storeEnd = BootInfoLayout.ImageStoreVirtAddr + PageRoundUp(storeBytes);
        for (int index = 0; index < image.SegmentCount; index++)
        {
            ElfSegment segment = image.Segment(index);
            if ((segment.VirtAddr & (PageBytes - 1)) != 0)
            {
                return RootImageProblem.Of(RootImageError.SegmentNotPageAligned, segment.ProgramHeader, segment.VirtAddr);
            }
            if (segment.Writable && segment.Executable)
            {
                return RootImageProblem.Of(RootImageError.WritableAndExecutable, segment.ProgramHeader, segment.Flags);
            }
            if (segment.Flags != ReadOnly && segment.Flags != ReadWrite && segment.Flags != ReadExecute)
            {
                return RootImageProblem.Of(RootImageError.BadSegmentFlags, segment.ProgramHeader, segment.Flags);
            }
            ulong end = PageRoundUp(segment.End); // End <= 2^48: no wrap
            if (Overlaps(segment.VirtAddr, end, BootInfoLayout.RegistryHeaderPageVirtAddr, registryEnd)
                || (storeBytes > 0 && Overlaps(segment.VirtAddr, end, BootInfoLayout.ImageStoreVirtAddr - PageBytes, storeEnd))
                || Overlaps(segment.VirtAddr, end, BootInfoLayout.VirtAddr, BootInfoLayout.VirtAddr + BootInfoLayout.PageSizeBytes)
                || Overlaps(segment.VirtAddr, end, StackBaseVirtAddr - PageBytes, StackTopVirtAddr))
            {
                return RootImageProblem.Of(RootImageError.SegmentInFixedWindow, segment.ProgramHeader, segment.VirtAddr);
            }
        }
        return RootImageProblem.Of(RootImageError.None, -1, 0);
    }

    /// <summary>The mapping rights of a segment <see cref="Check"/> accepted: R, R+W or R+X.</summary>
    public static VmRights RightsOf(in ElfSegment segment) =>
        segment.Writable ? VmRights.Read | VmRights.Write
        : segment.Executable ? VmRights.Read | VmRights.Execute
        : VmRights.Read;

    public static ulong PageRoundUp(ulong bytes) => (bytes + PageBytes - 1) & ~(PageBytes - 1);

    private static bool Overlaps(ulong start, ulong end, ulong windowStart, ulong windowEnd) => start < windowEnd && windowStart < end;
}
