using System.Runtime;
using Internal.Runtime;
using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Runtime;

/// <summary>
/// The allocation helpers compiled code calls for `new`: objects and arrays from the kernel heap.
/// They return the object's address as a pointer; the caller sees an object reference (same register).
/// </summary>
internal static unsafe class Allocation
{
    /// <summary>Largest array the kernel will allocate; a bigger request is a bug, not a heap size.</summary>
    private const ulong MaxArrayBytes = 1UL << 30;

    [RuntimeExport("RhpNewFast")]
    internal static void* NewObject(MethodTable* type)
    {
        byte* result = KernelHeap.AllocateObject(type->BaseSizeBytes);
        *(MethodTable**)result = type;
        return result;
    }

    [RuntimeExport("RhpNewArrayFast")]
    internal static void* NewArray(MethodTable* type, nint elementCount) => NewArrayOf(type, elementCount);

    /// <summary>Arrays of references; same layout, the distinction matters only to a GC.</summary>
    [RuntimeExport("RhpNewPtrArrayFast")]
    internal static void* NewPointerArray(MethodTable* type, nint elementCount) => NewArrayOf(type, elementCount);

    private static void* NewArrayOf(MethodTable* type, nint elementCount)
    {
        if (elementCount < 0)
        {
            KernelPanic.HaltWithValue("array allocation with a negative length", (ulong)elementCount);
        }
        ulong payloadBytes = (ulong)elementCount * type->ComponentSizeBytes;
        if ((ulong)elementCount > MaxArrayBytes || payloadBytes > MaxArrayBytes)
        {
            KernelPanic.HaltWithValue("array allocation too large; elements", (ulong)elementCount);
        }
        byte* result = KernelHeap.AllocateObject(type->BaseSizeBytes + payloadBytes);
        *(MethodTable**)result = type;
        *(int*)(result + 8) = (int)elementCount;
        return result;
    }
}
