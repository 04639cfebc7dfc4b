namespace Kaal.Model;

/// <summary>
/// The user part of an address space: 48-bit virtual addresses (AArch64 TTBR0 with 4 KiB granules and
/// four levels), minus the lowest page, which is never mappable so that a null pointer always faults.
/// </summary>
public static class VSpaceLayout
{
    /// <summary>The lowest address a mapping may cover (the first page stays unmapped).</summary>
    public const ulong UserStartAddr = 1UL << ObjectSizes.PageBits;
    /// <summary>One past the highest user address.</summary>
    public const ulong UserEndAddr = 1UL << 48;

    /// <summary>Whether [virtAddr, virtAddr + sizeBytes) lies inside user space (no wrap-around).</summary>
    public static bool IsUserRange(ulong virtAddr, ulong sizeBytes) =>
        virtAddr >= UserStartAddr && virtAddr < UserEndAddr && sizeBytes <= UserEndAddr - virtAddr;

    /// <summary>The access a frame capability's rights allow a mapping: Read and Execute need
    /// <see cref="CapRights.Read"/>, Write needs <see cref="CapRights.Write"/>.</summary>
    public static VmRights AllowedBy(CapRights capRights)
    {
        VmRights allowed = VmRights.None;
        if ((capRights & CapRights.Read) != 0) allowed |= VmRights.Read | VmRights.Execute;
        if ((capRights & CapRights.Write) != 0) allowed |= VmRights.Write;
        return allowed;
    }

    public const VmRights AllRights = VmRights.Read | VmRights.Write | VmRights.Execute;
}
