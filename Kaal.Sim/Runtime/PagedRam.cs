using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Simulated RAM as words, held in 4 KiB pages that exist only once written: a 128 MiB system touches a few
/// hundred pages, so a simulation no longer allocates and zeroes its whole RAM (twice per exploration: the calibration
/// run and each worker). A word never written reads 0, as an allocated zeroed array did. Every page written is
/// remembered (dirty), so a run is undone by putting back just those pages (<see cref="RestoreTouched"/>): their contents
/// in the baseline (RAM as the scenario's set-up left it, <see cref="KeepAsBaseline"/>), zeros for the rest. A page's
/// words the run did not write already hold their baseline values, so restoring the whole page restores exactly the
/// words written: the RAM after the reset is the one the per-word reset of before left, at a page copy (a few hundred
/// nanoseconds) instead of a list entry and a flag per word (a spawn writes thousands of words).
/// Byte runs within a page (<see cref="ReadBytes"/>, <see cref="WriteBytes"/>) are copied as memory: the host is
/// little-endian (checked), so a word's bytes in memory are the bytes a little-endian merge of them would give.
/// </summary>
public sealed class PagedRam
{
    public const int PageWordsLog2 = 9;
    public const int PageWords = 1 << PageWordsLog2;
    public const int PageBytes = PageWords * 8;
    private static readonly ulong[] ZeroPage = new ulong[PageWords];
    private readonly ulong[]?[] _pages;
    private readonly bool[] _dirty;
    /// <summary>The pages written since the last reset, in the order first written.</summary>
    private readonly List<int> _dirtyPages = new();
    /// <summary>The set-up's pages (null: all zero).</summary>
    private readonly ulong[]?[] _baseline;

    public PagedRam(long wordCount)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the simulator's RAM copies bytes as little-endian words");
        WordCount = (int)wordCount;
        long pageCount = (wordCount + PageWords - 1) >> PageWordsLog2;
        _pages = new ulong[pageCount][];
        _dirty = new bool[pageCount];
        _baseline = new ulong[pageCount][];
    }

    public int WordCount { get; }

    /// <summary>How many pages were written since the last <see cref="RestoreTouched"/> or <see cref="KeepAsBaseline"/>.</summary>
    public int DirtyPageCount => _dirtyPages.Count;

    public ulong this[int index] => _pages[index >> PageWordsLog2] is { } page ? page[index & (PageWords - 1)] : 0;

    public void Write(int index, ulong value) => Writable(index >> PageWordsLog2)[index & (PageWords - 1)] = value;

    /// <summary>Copies the bytes from byte <paramref name="byteOffset"/> of RAM on into <paramref name="destination"/>
    /// (they may span pages).</summary>
    public void ReadBytes(long byteOffset, Span<byte> destination)
    {
        for (int done = 0; done < destination.Length;)
        {
            (int pageIndex, int inPage, int chunk) = Chunk(byteOffset + done, destination.Length - done);
            ReadOnlySpan<ulong> words = _pages[pageIndex] ?? ZeroPage;
            MemoryMarshal.AsBytes(words).Slice(inPage, chunk).CopyTo(destination.Slice(done, chunk));
            done += chunk;
        }
    }

    /// <summary>Whether the bytes from byte <paramref name="byteOffset"/> of RAM on are <paramref name="expected"/>.</summary>
    public bool Holds(long byteOffset, ReadOnlySpan<byte> expected)
    {
        for (int done = 0; done < expected.Length;)
        {
            (int pageIndex, int inPage, int chunk) = Chunk(byteOffset + done, expected.Length - done);
            ReadOnlySpan<ulong> words = _pages[pageIndex] ?? ZeroPage;
            if (!MemoryMarshal.AsBytes(words).Slice(inPage, chunk).SequenceEqual(expected.Slice(done, chunk))) return false;
            done += chunk;
        }
        return true;
    }

    /// <summary>Writes <paramref name="source"/> from byte <paramref name="byteOffset"/> of RAM on (it may span pages).</summary>
    public void WriteBytes(long byteOffset, ReadOnlySpan<byte> source)
    {
        for (int done = 0; done < source.Length;)
        {
            (int pageIndex, int inPage, int chunk) = Chunk(byteOffset + done, source.Length - done);
            source.Slice(done, chunk).CopyTo(MemoryMarshal.AsBytes(Writable(pageIndex).AsSpan()).Slice(inPage, chunk));
            done += chunk;
        }
    }

    /// <summary>The page, in-page byte offset and byte count of the part of a run of <paramref name="length"/> bytes at
    /// <paramref name="byteOffset"/> that lies in its first page.</summary>
    private (int Page, int InPage, int Bytes) Chunk(long byteOffset, int length)
    {
        if (byteOffset < 0 || byteOffset + length > (long)WordCount * 8)
        {
            throw new SimulationException($"RAM bytes {byteOffset}..{byteOffset + length} lie outside the simulated RAM ({(long)WordCount * 8} bytes)");
        }
        int inPage = (int)(byteOffset & (PageBytes - 1));
        return ((int)(byteOffset / PageBytes), inPage, Math.Min(length, PageBytes - inPage));
    }

    /// <summary>The page to write, made if it did not exist and marked dirty.</summary>
    private ulong[] Writable(int pageIndex)
    {
        ulong[] page = _pages[pageIndex] ??= new ulong[PageWords];
        if (!_dirty[pageIndex])
        {
            _dirty[pageIndex] = true;
            _dirtyPages.Add(pageIndex);
        }
        return page;
    }

    /// <summary>What is in RAM now (the set-up's writes) is what <see cref="RestoreTouched"/> goes back to.</summary>
    public void KeepAsBaseline()
    {
        foreach (int pageIndex in _dirtyPages)
        {
            ulong[] baseline = _baseline[pageIndex] ??= new ulong[PageWords];
            _pages[pageIndex]!.CopyTo(baseline, 0);
            _dirty[pageIndex] = false;
        }
        _dirtyPages.Clear();
    }

    /// <summary>Back to the baseline (pages stay allocated for the next run).</summary>
    public void RestoreTouched()
    {
        foreach (int pageIndex in _dirtyPages)
        {
            ulong[] page = _pages[pageIndex]!;
            if (_baseline[pageIndex] is { } baseline) baseline.CopyTo(page, 0);
            else Array.Clear(page);
            _dirty[pageIndex] = false;
        }
        _dirtyPages.Clear();
    }
}
