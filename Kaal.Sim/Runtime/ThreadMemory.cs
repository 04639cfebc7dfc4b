using System;
using System.Buffers.Binary;
using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Byte copies between a component and simulated RAM through the thread's mappings, page by page, with the
/// rights each mapping grants. RAM is words: whole aligned words are copied as words (a spawner loading an ELF image
/// copies kilobytes at a time), the bytes of a partial word are read, merged and written back.
/// </summary>
public sealed class ThreadMemory(Func<Kernel> kernel, Func<SimMachineState> machine) : IThreadMemory
{
    private const ulong PageBytes = 1UL << ObjectSizes.PageBits;

    public bool Read(uint thread, ulong virtAddr, Span<byte> destination)
    {
        var port = new SimMachine(machine());
        for (int done = 0; done < destination.Length;)
        {
            ulong at = virtAddr + (ulong)done;
            if (!kernel().TranslateUserAddress(thread, at, VmRights.Read, out ulong physAddr) || !port.State.IsRam(physAddr)) return false;
            int chunk = (int)Math.Min((ulong)(destination.Length - done), PageBytes - (at & (PageBytes - 1)));
            ReadChunk(port, physAddr, destination.Slice(done, chunk));
            done += chunk;
        }
        return true;
    }

    public bool Write(uint thread, ulong virtAddr, ReadOnlySpan<byte> source)
    {
        var port = new SimMachine(machine());
        for (int done = 0; done < source.Length;)
        {
            ulong at = virtAddr + (ulong)done;
            if (!kernel().TranslateUserAddress(thread, at, VmRights.Write, out ulong physAddr) || !port.State.IsRam(physAddr)) return false;
            int chunk = (int)Math.Min((ulong)(source.Length - done), PageBytes - (at & (PageBytes - 1)));
            WriteChunk(port, physAddr, source.Slice(done, chunk));
            done += chunk;
        }
        return true;
    }

    /// <summary>Bytes within one page (so within RAM, contiguous physically) from <paramref name="physAddr"/> on.</summary>
    private static void ReadChunk(SimMachine port, ulong physAddr, Span<byte> destination)
    {
        for (int index = 0; index < destination.Length;)
        {
            ulong byteAddr = physAddr + (ulong)index;
            if ((byteAddr & 7) == 0 && destination.Length - index >= 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(index), port.ReadWord(byteAddr));
                index += 8;
                continue;
            }
            destination[index] = (byte)(port.ReadWord(byteAddr & ~7UL) >> (int)((byteAddr & 7) * 8));
            index++;
        }
    }

    private static void WriteChunk(SimMachine port, ulong physAddr, ReadOnlySpan<byte> source)
    {
        for (int index = 0; index < source.Length;)
        {
            ulong byteAddr = physAddr + (ulong)index;
            if ((byteAddr & 7) == 0 && source.Length - index >= 8)
            {
                port.WriteWord(byteAddr, BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(index)));
                index += 8;
                continue;
            }
            ulong word = port.ReadWord(byteAddr & ~7UL);
            int shift = (int)((byteAddr & 7) * 8);
            word = (word & ~(0xFFUL << shift)) | ((ulong)source[index] << shift);
            port.WriteWord(byteAddr & ~7UL, word);
            index++;
        }
    }
}
