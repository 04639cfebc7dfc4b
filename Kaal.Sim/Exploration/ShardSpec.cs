using System;
using System.Globalization;

namespace Kaal.Sim.Exploration;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> of a campaign (<c>--shard i/N</c>, i counted from 0): it runs
/// the iterations j with j mod N = i. Interleaving (rather than cutting the range in blocks) gives every shard the
/// same mix of portfolio members and of early and late iterations; iteration j keeps its seed, so the shards run
/// exactly the schedules one unsharded run would.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static ShardSpec Whole => new(0, 1);

    public bool IsWhole => Count == 1;

    /// <summary>Iteration number <paramref name="local"/> of this shard, in the campaign's numbering.</summary>
    public long Global(int local) => Index + (long)local * Count;

    /// <summary>How many of the campaign's <paramref name="iterations"/> this shard runs.</summary>
    public int IterationsOf(int iterations) => iterations <= Index ? 0 : (iterations - Index + Count - 1) / Count;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>"i/N" with 0 &lt;= i &lt; N.</summary>
    public static ShardSpec Parse(string text)
    {
        string[] parts = text.Trim().Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || count < 1 || index >= count)
        {
            throw new ArgumentException($"shard '{text}' is not INDEX/COUNT with 0 <= INDEX < COUNT (e.g. 0/4 ... 3/4)");
        }
        return new ShardSpec(index, count);
    }
}
