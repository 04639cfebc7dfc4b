namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// VMSAv8-64 translation-table descriptor bits (4 KiB granule; ARM ARM D8.3), shared by the kernel's own
/// map (<see cref="Mmu"/>) and the user address spaces (<see cref="UserPageTables"/>).
/// </summary>
internal static class TranslationDescriptor
{
    internal const int EntryCount = 512;
    internal const int TableBytes = EntryCount * 8;
    internal const int PageShift = 12;
    internal const int IndexBits = 9;

    /// <summary>Bits [47:12]: the output (next-level table, block or page) address.</summary>
    internal const ulong OutputAddressMask = 0x0000_FFFF_FFFF_F000;

    /// <summary>Levels 0-2: points to the next-level table. Level 3: a page (same encoding).</summary>
    internal const ulong Table = 0b11;
    internal const ulong Page = 0b11;
    /// <summary>Levels 1-2: a block (1 GiB / 2 MiB).</summary>
    internal const ulong Block = 0b01;
    internal const ulong Valid = 0b01;

    /// <summary>AttrIndx into MAIR_EL1 (see <see cref="Mmu.MemoryAttributes"/>).</summary>
    internal const ulong AttrIndexNormal = 0UL << 2;
    internal const ulong AttrIndexDeviceNgnrnE = 1UL << 2;
    internal const ulong AttrIndexDeviceNgnrE = 2UL << 2;

    /// <summary>AP[2:1]: 00 EL1 read/write, EL0 none; 01 both read/write; 10 EL1 read-only, EL0 none; 11 both read-only.</summary>
    internal const ulong AccessEl0 = 1UL << 6;
    internal const ulong AccessReadOnly = 1UL << 7;

    internal const ulong ShareableInner = 3UL << 8;
    internal const ulong AccessFlag = 1UL << 10;
    /// <summary>Not global: the TLB tags the entry with the ASID that was current when it was walked.</summary>
    internal const ulong NotGlobal = 1UL << 11;
    internal const ulong PrivilegedExecuteNever = 1UL << 53;
    internal const ulong UnprivilegedExecuteNever = 1UL << 54;
}
