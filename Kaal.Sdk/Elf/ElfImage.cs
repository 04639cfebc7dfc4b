namespace Kaal.Sdk.Elf;

/// <summary>The result of <c>ElfReader.Read</c>: entry point and up to <see cref="MaxSegments"/> PT_LOAD
/// segments in program-header order. Fixed capacity, allocated once and reusable for any number of reads.</summary>
public sealed class ElfImage
{
    public const int MaxSegments = 16;

    private readonly ElfSegment[] segments = new ElfSegment[MaxSegments];

    public ulong Entry;
    public int SegmentCount;

    /// <summary>Segment <paramref name="index"/> (0 ≤ index &lt; SegmentCount); an empty segment otherwise.</summary>
    public ElfSegment Segment(int index)
    {
        if (index < 0 || index >= SegmentCount) return default;
        return segments[index];
    }

    /// <summary>Lowest segment start (0 if there are no segments).</summary>
    public ulong LowestAddress
    {
        get
        {
            if (SegmentCount == 0) return 0;
            ulong low = segments[0].VirtAddr;
            for (int i = 1; i < SegmentCount; i++) if (segments[i].VirtAddr < low) low = segments[i].VirtAddr;
            return low;
        }
    }

    /// <summary>Highest segment end, exclusive (0 if there are no segments).</summary>
    public ulong HighestEnd
    {
        get
        {
            ulong high = 0;
            for (int i = 0; i < SegmentCount; i++) if (segments[i].End > high) high = segments[i].End;
            return high;
        }
    }

    internal void Clear()
    {
        Entry = 0;
        SegmentCount = 0;
        for (int i = 0; i < MaxSegments; i++) segments[i] = default;
    }

    internal void Add(in ElfSegment segment)
    {
        segments[SegmentCount] = segment;
        SegmentCount++;
    }

    internal ref readonly ElfSegment At(int index) => ref segments[index];
}
