using System.Collections.Generic;
using System.Linq;

namespace Kaal.Hil.Differential;

/// <summary>A component whose two sequences differ: every row of their alignment (<see cref="SequenceAlignment"/>),
/// the first differing row and how many events each run has.</summary>
public sealed record SubjectDifference(string Subject, IReadOnlyList<AlignedRow> Rows, int SimulatorCount, int QemuCount)
{
    public int FirstDifferentRow { get; } = IndexOfFirstDifference(Rows);

    public int DifferentRows => Rows.Count(row => !row.Same);

    /// <summary>QEMU's sequence ends at the first difference: every row from it on is the simulator's alone.</summary>
    public bool QemuEndsHere => Rows.Skip(FirstDifferentRow).All(row => row.Qemu is null);

    private static int IndexOfFirstDifference(IReadOnlyList<AlignedRow> rows)
    {
        for (int index = 0; index < rows.Count; index++)
        {
            if (!rows[index].Same) return index;
        }
        return rows.Count;
    }
}
