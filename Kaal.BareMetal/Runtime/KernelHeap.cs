using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Runtime;

/// <summary>
/// The kernel heap: a bump allocator over the region the linker script reserves. Nothing is ever freed:
/// the Model allocates its fixed-capacity tables once, at construction (DESIGN.md decision 1), so the
/// heap only has to be large enough for boot. Allocations are zeroed, 16-byte aligned, and an exhausted
/// heap is a panic with the numbers, never a null.
/// This class has no static initializer: it must work before static constructors can run.
/// </summary>
internal static unsafe class KernelHeap
{
    private const ulong AlignmentBytes = 16;
    /// <summary>The GC's object header sits in the 8 bytes before each object; keep it inside the heap.</summary>
    private const ulong ObjectHeaderBytes = 8;

    private static ulong s_cursorAddress;
    private static ulong s_endAddress;
    private static ulong s_startAddress;

    internal static void Initialize(ulong startAddress, ulong endAddress)
    {
        if (s_endAddress != 0 || startAddress % AlignmentBytes != 0 || endAddress <= startAddress)
        {
            KernelPanic.Halt("kernel heap: bad region or initialized twice");
        }
        s_startAddress = startAddress;
        s_cursorAddress = startAddress;
        s_endAddress = endAddress;
    }

    internal static ulong UsedBytes => s_cursorAddress - s_startAddress;

    /// <summary>Zeroed memory for one object of <paramref name="sizeBytes"/> (header included); returns
    /// the object address (past the header slot).</summary>
    internal static byte* AllocateObject(ulong sizeBytes)
    {
        if (s_endAddress == 0)
        {
            KernelPanic.Halt("kernel heap: allocation before the heap was initialized");
        }
        ulong objectAddress = s_cursorAddress + ObjectHeaderBytes;
        ulong endAddress = AlignUp(objectAddress + sizeBytes);
        if (sizeBytes > s_endAddress - s_startAddress || endAddress > s_endAddress)
        {
            KernelPanic.HaltWithValue("heap exhausted; bytes requested", sizeBytes);
        }
        ZeroFill((byte*)s_cursorAddress, endAddress - s_cursorAddress);
        s_cursorAddress = endAddress - ObjectHeaderBytes;
        return (byte*)objectAddress;
    }

    private static ulong AlignUp(ulong address) => (address + AlignmentBytes - 1) & ~(AlignmentBytes - 1);

    private static void ZeroFill(byte* start, ulong lengthBytes)
    {
        ulong* words = (ulong*)start;
        ulong wordCount = lengthBytes / 8;
        for (ulong index = 0; index < wordCount; index++)
        {
            words[index] = 0;
        }
    }
}
