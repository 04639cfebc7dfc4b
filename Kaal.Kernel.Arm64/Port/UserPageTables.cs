using Kaal.Kernel.Arm64.Boot;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// Real page tables mirroring the Model's VSpaces, built only from what the Model says at kernel exit
/// (<see cref="IMachinePort.MapPage"/>/<see cref="IMachinePort.UnmapPage"/>, docs/memory.md).
/// One four-level tree (48-bit, 4 KiB granule, TTBR0) per VSpace object index, its level-0 table made on
/// first use and kept for that index; lower tables come from <see cref="PageTablePool"/> and go back
/// when their last entry goes. 4 KiB frames are level-3 pages, 2 MiB frames level-2 blocks.
/// ASIDs: VSpace object index + 1 (0 is the kernel's map), so no ASID is ever shared by two live address
/// spaces and a context switch needs no TLB flush. A reused object index is safe because every mapping
/// of the old VSpace was unmapped, page by page with TLB invalidation, before the index was handed out
/// again (the Model's flush issues all unmaps before any map).
/// Entries: not global, never executable at EL1 (PXN), EL0 execute only with <see cref="VmRights.Execute"/>,
/// read-only unless <see cref="VmRights.Write"/>; RAM Normal write-back inner shareable, device frames
/// Device-nGnRE and never executable.
/// </summary>
internal static unsafe class UserPageTables
{
    /// <summary>ASID of threads without a usable VSpace: their level-0 table stays empty, so nothing is
    /// ever cached under it. Above every VSpace ASID (<see cref="Initialize"/> checks).</summary>
    private const ulong NoAddressSpaceAsid = 0xFFFF;
    private const int AsidShift = 48;
    private const int LevelZeroShift = 39;
    private const int PageLevel = 3;
    private const int BlockLevel = 2;

    /// <summary>Per VSpace index: its TTBR0 value (level-0 table | ASID &lt;&lt; 48), 0 until the table exists.</summary>
    private static ulong[] s_translationBases = null!;
    private static ulong s_emptyTranslationBase;
    private static ulong s_changeCount;

    /// <summary>Bumped by every map and unmap: a TTBR0 value computed before is still right while it stays
    /// the same (the VSpace it names cannot have died, been reused or first got a table meanwhile).</summary>
    internal static ulong ChangeCount => s_changeCount;

    /// <summary>Sets up for VSpace object indices below <paramref name="vspaceIndexCapacity"/> (the Model's
    /// object-table capacity) with <paramref name="tableCount"/> tables in the pool.</summary>
    internal static void Initialize(uint vspaceIndexCapacity, int tableCount)
    {
        if (vspaceIndexCapacity >= NoAddressSpaceAsid)
        {
            KernelPanic.HaltWithValue("user page tables: more VSpace indices than 16-bit ASIDs", vspaceIndexCapacity);
        }
        PageTablePool.Initialize(tableCount);
        s_translationBases = new ulong[vspaceIndexCapacity];
        s_emptyTranslationBase = (ulong)PageTablePool.Allocate() | (NoAddressSpaceAsid << AsidShift);
    }

    /// <summary>TTBR0_EL1 for a thread whose VSpace is <paramref name="vspace"/>: its level-0 table and ASID.</summary>
    internal static ulong TranslationBase(uint vspace)
    {
        ulong translationBase = s_translationBases[vspace];
        return translationBase != 0 ? translationBase : CreateRoot(vspace);
    }

    /// <summary>TTBR0_EL1 for a thread with no (or a destroyed) VSpace: every access faults.</summary>
    internal static ulong EmptyTranslationBase => s_emptyTranslationBase;

    internal static void Map(uint vspace, ulong virtAddr, ulong physAddr, int sizeBits, VmRights rights, bool isDevice)
    {
        s_changeCount++;
        int leafLevel = LeafLevel(sizeBits);
        ulong* table = Root(vspace);
        for (int level = 0; level < leafLevel; level++)
        {
            ulong* entry = &table[Index(virtAddr, level)];
            if ((*entry & TranslationDescriptor.Valid) == 0)
            {
                ulong* next = PageTablePool.Allocate();
                *entry = (ulong)next | TranslationDescriptor.Table;
                PageTablePool.ValidEntries(table)++;
            }
            else if ((*entry & TranslationDescriptor.Table) != TranslationDescriptor.Table)
            {
                KernelPanic.HaltWithValue("user page tables: mapping inside a 2 MiB block at", virtAddr);
            }
            table = (ulong*)(*entry & TranslationDescriptor.OutputAddressMask);
        }
        ulong* leaf = &table[Index(virtAddr, leafLevel)];
        ulong descriptor = LeafDescriptor(physAddr, leafLevel, rights, isDevice);
        if ((*leaf & TranslationDescriptor.Valid) != 0)
        {
            // New rights for a live mapping: break before make, so no TLB ever holds both versions.
            if ((*leaf & TranslationDescriptor.OutputAddressMask) != physAddr || leafLevel == BlockLevel && (*leaf & TranslationDescriptor.Table) == TranslationDescriptor.Table)
            {
                KernelPanic.HaltWithValue("user page tables: map over a different live mapping at", virtAddr);
            }
            *leaf = 0;
            Arch.InvalidateTlbPage(TlbOperand(vspace, virtAddr));
            *leaf = descriptor;
        }
        else
        {
            *leaf = descriptor;
            PageTablePool.ValidEntries(table)++;
        }
        Arch.PublishTableWrites();
    }

    internal static void Unmap(uint vspace, ulong virtAddr, int sizeBits)
    {
        s_changeCount++;
        int leafLevel = LeafLevel(sizeBits);
        ulong** path = stackalloc ulong*[PageLevel + 1];
        ulong* table = RootOrNull(vspace);
        for (int level = 0; level < leafLevel && table != null; level++)
        {
            path[level] = table;
            ulong entry = table[Index(virtAddr, level)];
            table = (entry & TranslationDescriptor.Table) == TranslationDescriptor.Table ? (ulong*)(entry & TranslationDescriptor.OutputAddressMask) : null;
        }
        if (table == null || (table[Index(virtAddr, leafLevel)] & TranslationDescriptor.Valid) == 0)
        {
            KernelPanic.HaltWithValue("user page tables: unmap of a page the port never mapped at", virtAddr);
        }
        table[Index(virtAddr, leafLevel)] = 0;
        PageTablePool.ValidEntries(table)--;
        Arch.InvalidateTlbPage(TlbOperand(vspace, virtAddr));

        // Give back tables that became empty, bottom up; the level-0 table stays with its VSpace index.
        bool freedTable = false;
        for (int level = leafLevel; level > 0 && PageTablePool.ValidEntries(table) == 0; level--)
        {
            ulong* parent = path[level - 1];
            parent[Index(virtAddr, level - 1)] = 0;
            PageTablePool.ValidEntries(parent)--;
            PageTablePool.Free(table);
            freedTable = true;
            table = parent;
        }
        if (freedTable)
        {
            // Walk caches may hold the freed tables for other addresses of this ASID too.
            Arch.InvalidateTlbAsid((ulong)Asid(vspace) << AsidShift);
        }
    }

    private static ulong* Root(uint vspace) => (ulong*)(TranslationBase(vspace) & TranslationDescriptor.OutputAddressMask);

    private static ulong* RootOrNull(uint vspace)
    {
        if (vspace >= (uint)s_translationBases.Length)
        {
            KernelPanic.HaltWithValue("user page tables: VSpace index out of range", vspace);
        }
        return (ulong*)(s_translationBases[vspace] & TranslationDescriptor.OutputAddressMask);
    }

    private static ulong CreateRoot(uint vspace)
    {
        ulong translationBase = (ulong)PageTablePool.Allocate() | ((ulong)Asid(vspace) << AsidShift);
        s_translationBases[vspace] = translationBase;
        return translationBase;
    }

    private static uint Asid(uint vspace) => vspace + 1;

    private static ulong TlbOperand(uint vspace, ulong virtAddr) =>
        ((ulong)Asid(vspace) << AsidShift) | (virtAddr >> TranslationDescriptor.PageShift & 0xFFF_FFFF_FFFF);

    private static int Index(ulong virtAddr, int level) =>
        (int)(virtAddr >> (LevelZeroShift - TranslationDescriptor.IndexBits * level) & (TranslationDescriptor.EntryCount - 1));

    private static int LeafLevel(int sizeBits)
    {
        if (sizeBits == TranslationDescriptor.PageShift)
        {
            return PageLevel;
        }
        if (sizeBits == TranslationDescriptor.PageShift + TranslationDescriptor.IndexBits)
        {
            return BlockLevel;
        }
        KernelPanic.HaltWithValue("user page tables: unsupported frame size bits", (ulong)sizeBits);
        return PageLevel;
    }

    private static ulong LeafDescriptor(ulong physAddr, int level, VmRights rights, bool isDevice)
    {
        ulong descriptor = physAddr | (level == PageLevel ? TranslationDescriptor.Page : TranslationDescriptor.Block)
            | TranslationDescriptor.AccessFlag | TranslationDescriptor.NotGlobal | TranslationDescriptor.PrivilegedExecuteNever
            | TranslationDescriptor.AccessEl0;
        if ((rights & VmRights.Write) == 0)
        {
            descriptor |= TranslationDescriptor.AccessReadOnly;
        }
        if (isDevice)
        {
            return descriptor | TranslationDescriptor.AttrIndexDeviceNgnrE | TranslationDescriptor.UnprivilegedExecuteNever;
        }
        descriptor |= TranslationDescriptor.AttrIndexNormal | TranslationDescriptor.ShareableInner;
        return (rights & VmRights.Execute) != 0 ? descriptor : descriptor | TranslationDescriptor.UnprivilegedExecuteNever;
    }
}
