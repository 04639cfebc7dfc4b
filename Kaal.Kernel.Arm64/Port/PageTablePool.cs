using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The memory user page tables come from: a fixed number of 4 KiB tables carved from the kernel heap at
/// user-space start, a free list, and per table the count of valid entries (so an emptied table is given
/// back). The Model has no page-table objects (docs/memory.md), so this memory is the port's, not
/// anybody's untyped; running out is a kernel panic naming the pool size.
/// </summary>
internal static unsafe class PageTablePool
{
    private static ulong s_baseAddress;
    private static int s_tableCount;
    private static int[] s_freeTables = null!;
    private static int s_freeCount;
    private static ushort[] s_validEntryCounts = null!;

    /// <summary>Tables in use (0 before user space starts): a figure for kaal-figures.</summary>
    internal static int UsedCount => s_tableCount - s_freeCount;

    internal static void Initialize(int tableCount)
    {
        // One table more than asked for, so that the first table can start on a page boundary.
        var memory = new ulong[(tableCount + 1) * TranslationDescriptor.EntryCount];
        fixed (ulong* start = &memory[0])
        {
            s_baseAddress = ((ulong)start + TranslationDescriptor.TableBytes - 1) & ~(ulong)(TranslationDescriptor.TableBytes - 1);
        }
        s_tableCount = tableCount;
        s_freeTables = new int[tableCount];
        for (int index = 0; index < tableCount; index++)
        {
            s_freeTables[index] = tableCount - 1 - index; // lowest address first
        }
        s_freeCount = tableCount;
        s_validEntryCounts = new ushort[tableCount];
    }

    /// <summary>A zeroed table (every entry invalid) with a valid-entry count of 0.</summary>
    internal static ulong* Allocate()
    {
        if (s_freeCount == 0)
        {
            KernelPanic.HaltWithValue("user page tables: pool exhausted; tables", (ulong)s_tableCount);
        }
        int index = s_freeTables[--s_freeCount];
        ulong* table = (ulong*)(s_baseAddress + (ulong)index * TranslationDescriptor.TableBytes);
        for (int entry = 0; entry < TranslationDescriptor.EntryCount; entry++)
        {
            table[entry] = 0;
        }
        s_validEntryCounts[index] = 0;
        return table;
    }

    internal static void Free(ulong* table) => s_freeTables[s_freeCount++] = IndexOf(table);

    /// <summary>Valid entries in <paramref name="table"/>, kept by the caller as it writes entries.</summary>
    internal static ref ushort ValidEntries(ulong* table) => ref s_validEntryCounts[IndexOf(table)];

    private static int IndexOf(ulong* table)
    {
        ulong offset = (ulong)table - s_baseAddress;
        if (offset % TranslationDescriptor.TableBytes != 0 || offset / TranslationDescriptor.TableBytes >= (ulong)s_tableCount)
        {
            KernelPanic.HaltWithValue("user page tables: not a pool table", (ulong)table);
        }
        return (int)(offset / TranslationDescriptor.TableBytes);
    }
}
