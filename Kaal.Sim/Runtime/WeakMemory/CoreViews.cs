using System;

namespace Kaal.Sim.Runtime.WeakMemory;

/// <summary>
/// What one core (a hardware thread of Promising-ARM) knows about memory, as views: timestamps into the
/// message list of <see cref="ArmMemory"/> (0 = the initial memory). <see cref="ReadOld"/>/<see cref="WriteOld"/>:
/// the newest message any earlier load read / store wrote; <see cref="ReadNew"/>/<see cref="WriteNew"/>: the
/// oldest view later loads / stores must have (raised by barriers and acquires); <see cref="Release"/>: the
/// last release store (an acquire load may not pass it: ARMv8 release/acquire are RCsc).
/// <see cref="Coherence"/>[location]: the newest write to that location the core has observed;
/// <see cref="Forward"/>[location]: the timestamp of the core's own last write there (a load of it is forwarded
/// from the store buffer and so does not wait for the write to become visible).
/// </summary>
internal sealed class CoreViews
{
    public int ReadOld;
    public int WriteOld;
    public int ReadNew;
    public int WriteNew;
    public int Release;
    public int[] Coherence = new int[16];
    public int[] Forward = new int[16];

    public void Reset(int locationCount)
    {
        ReadOld = WriteOld = ReadNew = WriteNew = Release = 0;
        Array.Clear(Coherence, 0, Math.Min(locationCount, Coherence.Length));
        Array.Clear(Forward, 0, Math.Min(locationCount, Forward.Length));
    }

    public void EnsureLocations(int count)
    {
        if (count <= Coherence.Length) return;
        int size = Math.Max(count, Coherence.Length * 2);
        Array.Resize(ref Coherence, size);
        Array.Resize(ref Forward, size);
    }

    /// <summary>The newest timestamp in any of the core's views.</summary>
    public int Newest() => Math.Max(Math.Max(Math.Max(ReadOld, WriteOld), Math.Max(ReadNew, WriteNew)), Release);
}
