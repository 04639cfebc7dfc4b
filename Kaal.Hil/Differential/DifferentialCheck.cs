using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Hil.Differential;

/// <summary>
/// Compares what the simulator and QEMU were seen to do (docs/hil.md, "What equal means"): each subject's events
/// (a component's own lines and system_init's lifecycle lines about it) must be identical and in the same order;
/// how subjects interleave is the schedule's business and is not compared. Each subject's two sequences are aligned
/// (<see cref="SequenceAlignment"/>) and every subject that differs is reported, the one that parts first in the
/// simulator's run first, being the likeliest cause of the rest.
/// </summary>
public static class DifferentialCheck
{
    public static DifferentialResult Compare(ObservableEventLog simulator, ObservableEventLog qemu)
    {
        IReadOnlyDictionary<string, IReadOnlyList<ObservableEvent>> simulated = simulator.BySubject();
        IReadOnlyDictionary<string, IReadOnlyList<ObservableEvent>> observed = qemu.BySubject();
        Dictionary<ObservableEvent, int> simulatorPosition = Positions(simulator);
        Dictionary<ObservableEvent, int> qemuPosition = Positions(qemu);
        var differences = new List<(long At, SubjectDifference Difference)>();
        foreach (string subject in simulated.Keys.Union(observed.Keys, StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal))
        {
            IReadOnlyList<ObservableEvent> left = simulated.GetValueOrDefault(subject, []);
            IReadOnlyList<ObservableEvent> right = observed.GetValueOrDefault(subject, []);
            var difference = new SubjectDifference(subject, SequenceAlignment.Align(left, right), left.Count, right.Count);
            if (difference.FirstDifferentRow == difference.Rows.Count) continue;
            // Where the difference shows: the simulator's event there, else (the simulator has none) QEMU's, after
            // every simulator position.
            AlignedRow first = difference.Rows[difference.FirstDifferentRow];
            long at = first.Simulator is { } ours ? simulatorPosition[ours] : (long)int.MaxValue + qemuPosition[first.Qemu!];
            differences.Add((at, difference));
        }
        return new DifferentialResult(simulator, qemu, differences.OrderBy(entry => entry.At).Select(entry => entry.Difference).ToList());
    }

    /// <summary>Each event's place in its whole run, by identity: two events may print the same line.</summary>
    private static Dictionary<ObservableEvent, int> Positions(ObservableEventLog log)
    {
        var positions = new Dictionary<ObservableEvent, int>(ReferenceEqualityComparer.Instance);
        for (int index = 0; index < log.Events.Count; index++) positions.Add(log.Events[index], index);
        return positions;
    }
}
