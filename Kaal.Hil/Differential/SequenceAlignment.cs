using System;
using System.Collections.Generic;

namespace Kaal.Hil.Differential;

/// <summary>
/// Lines up one component's two sequences by a longest common subsequence of their lines, so an event one run lacks
/// is one row with nothing on the other side and the rows after it line up again (comparing by position marked every
/// later row). Between two common events, the events each side has alone are paired row by row as changed events,
/// the rest shown against nothing: a changed line is one row, a missing line one row.
/// </summary>
public static class SequenceAlignment
{
    /// <summary>The largest table searched: 16 M cells, 64 MB (two sequences of 4,000 differing events each).</summary>
    public const long MaxTableCells = 16_000_000;

    public static IReadOnlyList<AlignedRow> Align(IReadOnlyList<ObservableEvent> simulator, IReadOnlyList<ObservableEvent> qemu)
    {
        var rows = new List<AlignedRow>(Math.Max(simulator.Count, qemu.Count));
        int prefix = 0;
        while (prefix < simulator.Count && prefix < qemu.Count && Equal(simulator[prefix], qemu[prefix])) prefix++;
        int suffix = 0;
        while (suffix < simulator.Count - prefix && suffix < qemu.Count - prefix && Equal(simulator[^(suffix + 1)], qemu[^(suffix + 1)])) suffix++;
        for (int index = 0; index < prefix; index++) rows.Add(new AlignedRow(simulator[index], index, qemu[index], index));
        AlignMiddle(simulator, qemu, prefix, simulator.Count - suffix, qemu.Count - suffix, rows);
        for (int offset = suffix; offset > 0; offset--)
        {
            rows.Add(new AlignedRow(simulator[^offset], simulator.Count - offset, qemu[^offset], qemu.Count - offset));
        }
        return rows;
    }

    /// <summary>The classic dynamic programme over [from, simulatorEnd) x [from, qemuEnd): lengths[i, j] is the longest
    /// common subsequence of the suffixes from i and j, walked forwards to emit rows.</summary>
    private static void AlignMiddle(IReadOnlyList<ObservableEvent> simulator, IReadOnlyList<ObservableEvent> qemu, int from, int simulatorEnd, int qemuEnd, List<AlignedRow> rows)
    {
        int height = simulatorEnd - from, width = qemuEnd - from;
        if ((long)height * width > MaxTableCells)
        {
            // Too long to search (a log of endless repetition): the rest is paired by position.
            var fallbackSimulator = new List<int>();
            var fallbackQemu = new List<int>();
            for (int index = 0; index < height; index++) fallbackSimulator.Add(from + index);
            for (int index = 0; index < width; index++) fallbackQemu.Add(from + index);
            Flush(simulator, qemu, fallbackSimulator, fallbackQemu, rows);
            return;
        }
        var lengths = new int[height + 1, width + 1];
        for (int i = height - 1; i >= 0; i--)
        {
            for (int j = width - 1; j >= 0; j--)
            {
                lengths[i, j] = Equal(simulator[from + i], qemu[from + j]) ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }
        var onlySimulator = new List<int>();
        var onlyQemu = new List<int>();
        int s = 0, q = 0;
        while (s < height || q < width)
        {
            if (s < height && q < width && Equal(simulator[from + s], qemu[from + q]))
            {
                Flush(simulator, qemu, onlySimulator, onlyQemu, rows);
                rows.Add(new AlignedRow(simulator[from + s], from + s, qemu[from + q], from + q));
                s++;
                q++;
            }
            else if (q >= width || (s < height && lengths[s + 1, q] >= lengths[s, q + 1]))
            {
                onlySimulator.Add(from + s++);
            }
            else
            {
                onlyQemu.Add(from + q++);
            }
        }
        Flush(simulator, qemu, onlySimulator, onlyQemu, rows);
    }

    /// <summary>The events between two common ones: paired as changed events, the longer side's rest against nothing.</summary>
    private static void Flush(IReadOnlyList<ObservableEvent> simulator, IReadOnlyList<ObservableEvent> qemu, List<int> onlySimulator, List<int> onlyQemu, List<AlignedRow> rows)
    {
        for (int index = 0; index < Math.Max(onlySimulator.Count, onlyQemu.Count); index++)
        {
            int left = index < onlySimulator.Count ? onlySimulator[index] : -1;
            int right = index < onlyQemu.Count ? onlyQemu[index] : -1;
            rows.Add(new AlignedRow(left < 0 ? null : simulator[left], left, right < 0 ? null : qemu[right], right));
        }
        onlySimulator.Clear();
        onlyQemu.Clear();
    }

    private static bool Equal(ObservableEvent left, ObservableEvent right) => left.Line == right.Line;
}
