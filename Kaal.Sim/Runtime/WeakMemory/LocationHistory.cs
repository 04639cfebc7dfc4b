using System;

namespace Kaal.Sim.Runtime.WeakMemory;

/// <summary>One shared word accessed under the weak model in this run: its value before the run's first write
/// (timestamp 0) and the timestamps of the writes to it, ascending, which is its coherence order.</summary>
internal sealed class LocationHistory
{
    public int Word;
    public ulong InitialValue;
    public int[] Timestamps = new int[8];
    public int Count;

    public void Add(int timestamp)
    {
        if (Count == Timestamps.Length) Array.Resize(ref Timestamps, Count * 2);
        Timestamps[Count++] = timestamp;
    }

    /// <summary>The newest write (0: none, the initial value).</summary>
    public int Newest => Count == 0 ? 0 : Timestamps[Count - 1];
}
