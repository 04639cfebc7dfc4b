namespace Kaal.Sim.Strategies;

/// <summary>
/// SplitMix64: a small, fast, well-mixed generator whose whole state is one word, so a schedule's
/// randomness is exactly its seed. Never System.Random (its algorithm is not promised across versions).
/// </summary>
public struct DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        ulong z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>), bound &gt; 0 (Lemire's multiply-shift, unbiased).</summary>
    public int NextInt(int bound)
    {
        ulong range = (ulong)bound;
        while (true)
        {
            ulong value = NextUInt64();
            ulong high = System.Math.BigMul(value, range, out ulong low);
            if (low >= range || low >= (0UL - range) % range) return (int)high;
        }
    }

    /// <summary>The seed of schedule <paramref name="iteration"/> of a run seeded with <paramref name="baseSeed"/>:
    /// mixed, so neighbouring schedules are unrelated (not shifted copies of one stream).</summary>
    public static ulong ScheduleSeed(ulong baseSeed, int iteration)
    {
        var mixer = new DeterministicRandom(baseSeed ^ ((ulong)(uint)iteration * 0xD1B54A32D192ED03UL));
        return mixer.NextUInt64();
    }
}
