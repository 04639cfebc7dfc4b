using System.Runtime.CompilerServices;

namespace Kaal.User.Arm64;

/// <summary>
/// A byte[] whose elements are memory that is already mapped (the registry's read-only pages), so a megabyte of
/// component images is read where it lies instead of being copied onto a heap that never frees. An array is its
/// header (the byte[] MethodTable pointer, then the length) followed by its elements; the header is written into the
/// 16 bytes just below the elements, which must be read/write memory (the page the registry's mapper puts below it).
/// Safe in this runtime only: nothing moves or frees objects, and nothing writes a byte[] it was handed to read
/// (a write to the read-only pages would be a data abort, reported as any fault is).
/// </summary>
internal static unsafe class InPlaceArray
{
    private const int HeaderBytes = 16;

    public static byte[] Over(ulong virtAddr, int length)
    {
        byte[] probe = new byte[1];
        void* byteArrayType = *(void**)Unsafe.As<byte[], nint>(ref probe);
        nint header = (nint)(virtAddr - HeaderBytes);
        *(void**)header = byteArrayType;
        *(long*)(header + 8) = length;
        return Unsafe.As<nint, byte[]>(ref header);
    }
}
