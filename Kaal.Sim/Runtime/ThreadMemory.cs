using System;
using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Byte copies between a component and simulated RAM through the thread's mappings, page by page, with the
/// rights each mapping grants. Within a page the bytes are copied as memory (<see cref="PagedRam.ReadBytes"/>: a spawner
/// loading an ELF image copies kilobytes at a time).
/// </summary>
public sealed class ThreadMemory(Func<Kernel> kernel, Func<SimMachineState> machine) : IThreadMemory
{
    private const ulong PageBytes = 1UL << ObjectSizes.PageBits;
    /// <summary>The array <see cref="MappedBytes"/> last handed out, to whom and for where.</summary>
    private (uint Thread, ulong VirtAddr, byte[] Bytes)? _lastMapped;

    public bool Read(uint thread, ulong virtAddr, Span<byte> destination)
    {
        var port = new SimMachine(machine());
        for (int done = 0; done < destination.Length;)
        {
            ulong at = virtAddr + (ulong)done;
            if (!kernel().TranslateUserAddress(thread, at, VmRights.Read, out ulong physAddr) || !port.State.IsRam(physAddr)) return false;
            int chunk = (int)Math.Min((ulong)(destination.Length - done), PageBytes - (at & (PageBytes - 1)));
            port.State.Ram.ReadBytes((long)(physAddr - port.State.RamBaseAddr), destination.Slice(done, chunk));
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
            port.State.Ram.WriteBytes((long)(physAddr - port.State.RamBaseAddr), source.Slice(done, chunk));
            done += chunk;
        }
        return true;
    }

    /// <summary>
    /// The mapped bytes as an array: the one this thread was last given for the same place when it still holds exactly
    /// what is mapped there (compared page by page, a memory compare), else a new copy. Sound: the array handed out always
    /// holds the bytes mapped at the moment of the call, as a fresh copy did, and if the thread wrote into the array it
    /// was given (which at EL0, where the array is the read-only pages themselves, faults) the comparison fails and it
    /// gets a fresh copy. Two calls may thus return the same array, as at EL0 they return the same pages. What it saves:
    /// system_init reads the whole registry (about 46 KB for the default system) this way at every boot, that is every
    /// schedule; it is set-up memory no schedule writes, so each schedule compares it instead of allocating and copying it.
    /// </summary>
    public byte[]? MappedBytes(uint thread, ulong virtAddr, int length)
    {
        if (_lastMapped is { } last && last.Thread == thread && last.VirtAddr == virtAddr && last.Bytes.Length == length && Holds(thread, virtAddr, last.Bytes))
        {
            return last.Bytes;
        }
        var bytes = new byte[length];
        if (!Read(thread, virtAddr, bytes)) return null;
        _lastMapped = (thread, virtAddr, bytes);
        return bytes;
    }

    /// <summary>Whether the bytes mapped readable at <paramref name="virtAddr"/> are <paramref name="expected"/>.</summary>
    private bool Holds(uint thread, ulong virtAddr, ReadOnlySpan<byte> expected)
    {
        SimMachineState state = machine();
        for (int done = 0; done < expected.Length;)
        {
            ulong at = virtAddr + (ulong)done;
            if (!kernel().TranslateUserAddress(thread, at, VmRights.Read, out ulong physAddr) || !state.IsRam(physAddr)) return false;
            int chunk = (int)Math.Min((ulong)(expected.Length - done), PageBytes - (at & (PageBytes - 1)));
            if (!state.Ram.Holds((long)(physAddr - state.RamBaseAddr), expected.Slice(done, chunk))) return false;
            done += chunk;
        }
        return true;
    }
}
