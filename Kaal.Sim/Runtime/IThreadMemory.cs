using System;

namespace Kaal.Sim.Runtime;

/// <summary>A thread's view of memory through its own address space (the kernel's mappings and their rights).</summary>
public interface IThreadMemory
{
    bool Read(uint thread, ulong virtAddr, Span<byte> destination);

    bool Write(uint thread, ulong virtAddr, ReadOnlySpan<byte> source);
}
