using System;
using System.Collections.Generic;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Simulated RAM as words, held in 4 KiB pages that exist only once written: a 128 MiB system touches a few
/// hundred pages, so a simulation no longer allocates and zeroes its whole RAM (twice per exploration: the calibration
/// run and each worker). A word never written reads 0, as an allocated zeroed array did. Every write is remembered
/// (<see cref="Touched"/>), so a run is undone by putting back just the words it wrote (<see cref="RestoreTouched"/>):
/// their values in the baseline (RAM as the scenario's set-up left it, <see cref="KeepAsBaseline"/>), 0 for the rest.
/// The set-up's words (the registry and the ELF images the root task wrote: about 7,000 for the default system) are
/// thus not zeroed and written again every schedule, only those a schedule changed.
/// </summary>
public sealed class PagedRam
{
    private const int PageWordsLog2 = 9;
    private const int PageWords = 1 << PageWordsLog2;
    private readonly ulong[]?[] _pages;
    private readonly bool[]?[] _touched;
    private readonly List<int> _touchedList = new();
    /// <summary>The set-up's words, by page (null: all zero).</summary>
    private readonly ulong[]?[] _baseline;

    public PagedRam(long wordCount)
    {
        WordCount = (int)wordCount;
        long pageCount = (wordCount + PageWords - 1) >> PageWordsLog2;
        _pages = new ulong[pageCount][];
        _touched = new bool[pageCount][];
        _baseline = new ulong[pageCount][];
    }

    public int WordCount { get; }

    /// <summary>The words written since the last <see cref="RestoreTouched"/> or <see cref="KeepAsBaseline"/>, in the order first written.</summary>
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

    /// <summary>What is in RAM now (the set-up's writes) is what <see cref="RestoreTouched"/> goes back to.</summary>
    public void KeepAsBaseline()
    {
        foreach (int index in _touchedList)
        {
            ulong[] baseline = _baseline[index >> PageWordsLog2] ??= new ulong[PageWords];
            baseline[index & (PageWords - 1)] = this[index];
            _touched[index >> PageWordsLog2]![index & (PageWords - 1)] = false;
        }
        _touchedList.Clear();
    }

    /// <summary>Back to the baseline (pages stay allocated for the next run).</summary>
    public void RestoreTouched()
    {
        foreach (int index in _touchedList)
        {
            int pageIndex = index >> PageWordsLog2, offset = index & (PageWords - 1);
            _pages[pageIndex]![offset] = _baseline[pageIndex] is { } baseline ? baseline[offset] : 0;
            _touched[pageIndex]![offset] = false;
        }
        _touchedList.Clear();
    }
}
