using System;
using System.Collections.Generic;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Simulated RAM as words, held in 4 KiB pages that exist only once written: a 128 MiB system touches a few
/// hundred pages, so a simulation no longer allocates and zeroes its whole RAM (twice per exploration: the calibration
/// run and each worker). A word never written reads 0, as an allocated zeroed array did. Every write is remembered
/// (<see cref="Touched"/>), so a run is undone by zeroing just the words it wrote (<see cref="ZeroTouched"/>).
/// </summary>
public sealed class PagedRam
{
    private const int PageWordsLog2 = 9;
    private const int PageWords = 1 << PageWordsLog2;
    private readonly ulong[]?[] _pages;
    private readonly bool[]?[] _touched;
    private readonly List<int> _touchedList = new();

    public PagedRam(long wordCount)
    {
        WordCount = (int)wordCount;
        long pageCount = (wordCount + PageWords - 1) >> PageWordsLog2;
        _pages = new ulong[pageCount][];
        _touched = new bool[pageCount][];
    }

    public int WordCount { get; }

    /// <summary>The words written since the last <see cref="ZeroTouched"/>, in the order first written.</summary>
    public List<int> Touched => _touchedList;

    public ulong this[int index] => _pages[index >> PageWordsLog2] is { } page ? page[index & (PageWords - 1)] : 0;

    public void Write(int index, ulong value)
    {
        int pageIndex = index >> PageWordsLog2;
        ulong[] page = _pages[pageIndex] ??= new ulong[PageWords];
        bool[] touched = _touched[pageIndex] ??= new bool[PageWords];
        int offset = index & (PageWords - 1);
        page[offset] = value;
        if (touched[offset]) return;
        touched[offset] = true;
        _touchedList.Add(index);
    }

    /// <summary>Back to all zero (pages stay allocated for the next run).</summary>
    public void ZeroTouched()
    {
        foreach (int index in _touchedList)
        {
            _pages[index >> PageWordsLog2]![index & (PageWords - 1)] = 0;
            _touched[index >> PageWordsLog2]![index & (PageWords - 1)] = false;
        }
        _touchedList.Clear();
    }
}
