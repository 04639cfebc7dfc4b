using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The EL1 identity map: the low 4 GiB in 2 MiB blocks (one level-1 table, four level-2 tables, 4 KiB
/// granule). RAM is Normal write-back cacheable, MMIO is Device-nGnRnE and never executable, everything
/// else is unmapped so a stray access faults. Until the MMU is on, all memory is Device memory, where
/// unaligned and exclusive accesses fault: this runs first, before any other managed code.
/// </summary>
internal static unsafe class Mmu
{
    private const int TableEntryCount = 512;
    private const int MappedGibCount = 4;
    internal const ulong TablesBytes = (1 + MappedGibCount) * 4096;
    private const int BlockShift = 21; // 2 MiB
    private const ulong BlockBytes = 1UL << BlockShift;

    private const ulong DescriptorTable = 0b11;
    private const ulong DescriptorBlock = 0b01;
    private const ulong AttrIndexNormal = 0UL << 2;
    private const ulong AttrIndexDevice = 1UL << 2;
    private const ulong ShareableInner = 3UL << 8;
    private const ulong AccessFlag = 1UL << 10;
    private const ulong PrivilegedExecuteNever = 1UL << 53;
    private const ulong UnprivilegedExecuteNever = 1UL << 54;

    /// <summary>MAIR_EL1: attribute 0 = Normal, inner/outer write-back read/write-allocate; attribute 1 = Device-nGnRnE.</summary>
    private const ulong MemoryAttributes = 0xFF;
    /// <summary>TCR_EL1: T0SZ = 32 (4 GiB, walk starts at level 1), table walks write-back cacheable and
    /// inner shareable, TG0 = 4 KiB, TTBR1 walks disabled (EPD1), TG1 = 4 KiB, IPS = 32 bits.</summary>
    private const ulong TranslationControl = 32UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23) | (2UL << 30);

    internal static void EnableIdentityMap(in Platform platform, ulong tablesStartAddress, ulong tablesEndAddress)
    {
        if (tablesStartAddress % 4096 != 0 || tablesEndAddress - tablesStartAddress != TablesBytes)
        {
            KernelPanic.HaltWithValue("mmu: page-table region has the wrong size", tablesEndAddress - tablesStartAddress);
        }
        ulong* levelOne = (ulong*)tablesStartAddress;
        for (int index = 0; index < TableEntryCount; index++)
        {
            levelOne[index] = 0;
        }
        for (int gib = 0; gib < MappedGibCount; gib++)
        {
            ulong* levelTwo = (ulong*)(tablesStartAddress + (ulong)(gib + 1) * 4096);
            levelOne[gib] = (ulong)levelTwo | DescriptorTable;
            for (int index = 0; index < TableEntryCount; index++)
            {
                ulong address = ((ulong)gib << 30) | ((ulong)index << BlockShift);
                levelTwo[index] = BlockDescriptor(platform, address);
            }
        }
        Arch.EnableMmu(tablesStartAddress, MemoryAttributes, TranslationControl);
    }

    /// <summary>Whether the identity map covers <paramref name="address"/> (the same rule the tables follow).</summary>
    internal static bool IsMapped(in Platform platform, ulong address) => BlockDescriptor(platform, address & ~(BlockBytes - 1)) != 0;

    private static ulong BlockDescriptor(in Platform platform, ulong blockAddress)
    {
        if (platform.Ram.Contains(blockAddress))
        {
            return blockAddress | DescriptorBlock | AttrIndexNormal | ShareableInner | AccessFlag | UnprivilegedExecuteNever;
        }
        if (platform.DevicesLow.Contains(blockAddress) || platform.DevicesHigh.Contains(blockAddress))
        {
            return blockAddress | DescriptorBlock | AttrIndexDevice | AccessFlag | PrivilegedExecuteNever | UnprivilegedExecuteNever;
        }
        return 0;
    }
}
