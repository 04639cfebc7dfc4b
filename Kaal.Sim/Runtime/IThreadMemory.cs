using System;

namespace Kaal.Sim.Runtime;

/// <summary>A thread's view of memory through its own address space (the kernel's mappings and their rights).</summary>
public interface IThreadMemory
{
    bool Read(uint thread, ulong virtAddr, Span<byte> destination);

    bool Write(uint thread, ulong virtAddr, ReadOnlySpan<byte> source);

    /// <summary>An array holding the <paramref name="length"/> bytes mapped readable at <paramref name="virtAddr"/> now
    /// (<see cref="Kaal.Sdk.ISysBackend.MappedBytes"/>), or null if some byte is not.</summary>
    byte[]? MappedBytes(uint thread, ulong virtAddr, int length);
}
