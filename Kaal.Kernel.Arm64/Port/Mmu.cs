using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The kernel's translation regime (4 KiB granule).
/// TTBR0 (48-bit, walk from level 0): while the kernel runs, its identity map of the low 4 GiB in 2 MiB
/// blocks, with ASID 0 and not global, so it never answers for a user address space (its level-0 table is
/// the first page of the region: Boot/vectors.S loads TTBR0 from that symbol); while user code runs, that
/// thread's address space (<see cref="UserPageTables"/>). RAM is Normal write-back cacheable and never
/// executable at EL0, MMIO is Device-nGnRnE and never executable, everything else is unmapped, so a stray
/// access faults.
/// TTBR1 (39-bit): only the trampoline page (exception vectors, EL0 entry and exit; Boot/vectors.S) at
/// <see cref="TrampolineVirtualAddress"/>, global, EL1 read-only and executable. It is the one piece of
/// the kernel every address space maps, because the instructions that switch TTBR0 must stay mapped.
/// Until the MMU is on, all memory is Device memory, where unaligned and exclusive accesses fault: this
/// runs first, before any other managed code.
/// </summary>
internal static unsafe class Mmu
{
    private const int MappedGibCount = 4;
    /// <summary>Kernel: one level-0, one level-1 and four level-2 tables. Trampoline: levels 1, 2 and 3.</summary>
    private const int KernelTableCount = 2 + MappedGibCount;
    private const int TrampolineTableCount = 3;
    internal const ulong TablesBytes = (KernelTableCount + TrampolineTableCount) * (ulong)TranslationDescriptor.TableBytes;
    private const int BlockShift = 21; // 2 MiB
    private const ulong BlockBytes = 1UL << BlockShift;

    /// <summary>Where TTBR1 maps the trampoline page: the last 2 MiB of the 39-bit upper range
    /// (level-1 index 511, level-2 index 511, level-3 index 0).</summary>
    internal const ulong TrampolineVirtualAddress = 0xFFFF_FFFF_FFE0_0000;

    /// <summary>MAIR_EL1: attribute 0 = Normal, inner/outer write-back read/write-allocate; attribute 1 =
    /// Device-nGnRnE (the kernel's MMIO); attribute 2 = Device-nGnRE (user device frames: posted writes).</summary>
    internal const ulong MemoryAttributes = 0xFF | (0x00UL << 8) | (0x04UL << 16);
    /// <summary>TCR_EL1: T0SZ = 16 (48-bit user addresses, walk from level 0), T1SZ = 25 (39 bits), both walks
    /// write-back cacheable and inner shareable, TG0 = 4 KiB, TG1 = 4 KiB, IPS = 32 bits, A1 = 0 (the ASID
    /// comes from TTBR0), AS = 1 (16-bit ASIDs).</summary>
    private const ulong TranslationControl = 16UL | (1UL << 8) | (1UL << 10) | (3UL << 12)
        | (25UL << 16) | (1UL << 24) | (1UL << 26) | (3UL << 28) | (2UL << 30) | (1UL << 36);

    internal static void EnableIdentityMap(in Platform platform, ulong tablesStartAddress, ulong tablesEndAddress, ulong trampolineAddress)
    {
        if (tablesStartAddress % TranslationDescriptor.TableBytes != 0 || tablesEndAddress - tablesStartAddress != TablesBytes)
        {
            KernelPanic.HaltWithValue("mmu: page-table region has the wrong size", tablesEndAddress - tablesStartAddress);
        }
        if (trampolineAddress % TranslationDescriptor.TableBytes != 0)
        {
            KernelPanic.HaltWithValue("mmu: trampoline page not page-aligned", trampolineAddress);
        }
        ulong* levelZero = Table(tablesStartAddress, 0);
        ulong* levelOne = Table(tablesStartAddress, 1);
        levelZero[0] = (ulong)levelOne | TranslationDescriptor.Table;
        for (int gib = 0; gib < MappedGibCount; gib++)
        {
            ulong* levelTwo = Table(tablesStartAddress, 2 + gib);
            levelOne[gib] = (ulong)levelTwo | TranslationDescriptor.Table;
            for (int index = 0; index < TranslationDescriptor.EntryCount; index++)
            {
                ulong address = ((ulong)gib << 30) | ((ulong)index << BlockShift);
                levelTwo[index] = BlockDescriptor(platform, address);
            }
        }

        ulong* trampolineOne = Table(tablesStartAddress, KernelTableCount);
        ulong* trampolineTwo = Table(tablesStartAddress, KernelTableCount + 1);
        ulong* trampolineThree = Table(tablesStartAddress, KernelTableCount + 2);
        trampolineOne[TranslationDescriptor.EntryCount - 1] = (ulong)trampolineTwo | TranslationDescriptor.Table;
        trampolineTwo[TranslationDescriptor.EntryCount - 1] = (ulong)trampolineThree | TranslationDescriptor.Table;
        trampolineThree[0] = trampolineAddress | TranslationDescriptor.Page | TranslationDescriptor.AttrIndexNormal
            | TranslationDescriptor.ShareableInner | TranslationDescriptor.AccessFlag | TranslationDescriptor.AccessReadOnly
            | TranslationDescriptor.UnprivilegedExecuteNever;

        Arch.EnableMmu((ulong)levelZero, (ulong)trampolineOne, MemoryAttributes, TranslationControl);
    }

    /// <summary>Whether the identity map covers <paramref name="address"/> (the same rule the tables follow).</summary>
    internal static bool IsMapped(in Platform platform, ulong address) => BlockDescriptor(platform, address & ~(BlockBytes - 1)) != 0;

    /// <summary>Table <paramref name="index"/> of the region, zeroed (the region is NOLOAD: never assume zero).</summary>
    private static ulong* Table(ulong tablesStartAddress, int index)
    {
        ulong* table = (ulong*)(tablesStartAddress + (ulong)index * TranslationDescriptor.TableBytes);
        for (int entry = 0; entry < TranslationDescriptor.EntryCount; entry++)
        {
            table[entry] = 0;
        }
        return table;
    }

    private static ulong BlockDescriptor(in Platform platform, ulong blockAddress)
    {
        const ulong KernelOnly = TranslationDescriptor.Block | TranslationDescriptor.AccessFlag | TranslationDescriptor.NotGlobal;
        if (platform.Ram.Contains(blockAddress))
        {
            return blockAddress | KernelOnly | TranslationDescriptor.AttrIndexNormal | TranslationDescriptor.ShareableInner
                | TranslationDescriptor.UnprivilegedExecuteNever;
        }
        if (platform.DevicesLow.Contains(blockAddress) || platform.DevicesHigh.Contains(blockAddress))
        {
            return blockAddress | KernelOnly | TranslationDescriptor.AttrIndexDeviceNgnrnE
                | TranslationDescriptor.PrivilegedExecuteNever | TranslationDescriptor.UnprivilegedExecuteNever;
        }
        return 0;
    }
}
