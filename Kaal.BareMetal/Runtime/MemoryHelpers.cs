namespace System;

/// <summary>
/// Block copy and fill, which ILC requires by name (System.SpanHelpers) and calls for large struct copies
/// and initializations. Overlap-safe, and word-at-a-time when both ends are 8-byte aligned.
/// </summary>
internal static unsafe class SpanHelpers
{
    internal static void Memmove(ref byte destination, ref byte source, nuint lengthBytes)
    {
        fixed (byte* to = &destination)
        fixed (byte* from = &source)
        {
            MemoryBlocks.Move(to, from, lengthBytes);
        }
    }

    internal static void ClearWithoutReferences(ref byte start, nuint lengthBytes)
    {
        fixed (byte* to = &start)
        {
            MemoryBlocks.Fill(to, 0, lengthBytes);
        }
    }

    internal static void Fill<T>(ref T start, nuint elementCount, T value) where T : unmanaged
    {
        fixed (T* to = &start)
        {
            for (nuint index = 0; index < elementCount; index++)
            {
                to[index] = value;
            }
        }
    }
}

/// <summary>ILC requires this by name; without a GC, a copy that contains references is a plain copy.</summary>
internal static unsafe class Buffer
{
    internal static void BulkMoveWithWriteBarrier(ref byte destination, ref byte source, nuint lengthBytes) =>
        SpanHelpers.Memmove(ref destination, ref source, lengthBytes);
}

/// <summary>The byte loops behind the helpers above.</summary>
internal static unsafe class MemoryBlocks
{
    internal static void Move(byte* destination, byte* source, nuint lengthBytes)
    {
        if (destination == source || lengthBytes == 0)
        {
            return;
        }
        bool wordAligned = (((nuint)destination | (nuint)source | lengthBytes) & 7) == 0;
        bool backwards = destination > source && destination < source + lengthBytes;
        if (wordAligned)
        {
            ulong* to = (ulong*)destination;
            ulong* from = (ulong*)source;
            nuint wordCount = lengthBytes / 8;
            for (nuint step = 0; step < wordCount; step++)
            {
                nuint index = backwards ? wordCount - 1 - step : step;
                to[index] = from[index];
            }
            return;
        }
        for (nuint step = 0; step < lengthBytes; step++)
        {
            nuint index = backwards ? lengthBytes - 1 - step : step;
            destination[index] = source[index];
        }
    }

    internal static void Fill(byte* destination, byte value, nuint lengthBytes)
    {
        for (nuint index = 0; index < lengthBytes; index++)
        {
            destination[index] = value;
        }
    }
}
