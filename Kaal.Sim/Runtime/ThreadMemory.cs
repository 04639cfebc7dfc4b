using System;
using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Byte copies between a component and simulated RAM through the thread's mappings, page by page, with the
/// rights each mapping grants. RAM is words, so partial words are read, merged and written back.
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
            for (int index = 0; index < chunk; index++)
            {
                ulong byteAddr = physAddr + (ulong)index;
                destination[done + index] = (byte)(port.ReadWord(byteAddr & ~7UL) >> (int)((byteAddr & 7) * 8));
            }
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
            for (int index = 0; index < chunk; index++)
            {
                ulong byteAddr = physAddr + (ulong)index;
                ulong word = port.ReadWord(byteAddr & ~7UL);
                int shift = (int)((byteAddr & 7) * 8);
                word = (word & ~(0xFFUL << shift)) | ((ulong)source[done + index] << shift);
                port.WriteWord(byteAddr & ~7UL, word);
            }
            done += chunk;
        }
        return true;
    }
}
