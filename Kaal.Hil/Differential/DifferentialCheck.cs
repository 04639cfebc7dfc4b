using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Hil.Differential;

/// <summary>
/// Compares what the simulator and QEMU were seen to do (docs/hil.md, "What equal means"): each subject's events
/// (a component's own lines and system_init's lifecycle lines about it) must be identical and in the same order;
/// how subjects interleave is the schedule's business and is not compared. Of several differing subjects the one
/// that parts first in the simulator's run is reported, being the likeliest cause of the rest.
/// </summary>
public static class DifferentialCheck
{
    public static DifferentialResult Compare(ObservableEventLog simulator, ObservableEventLog qemu)
    {
        IReadOnlyDictionary<string, IReadOnlyList<ObservableEvent>> simulated = simulator.BySubject();
        IReadOnlyDictionary<string, IReadOnlyList<ObservableEvent>> observed = qemu.BySubject();
        Dictionary<ObservableEvent, int> simulatorPosition = Positions(simulator);
        Dictionary<ObservableEvent, int> qemuPosition = Positions(qemu);
        SequenceDifference? first = null;
        long firstAt = long.MaxValue;
        foreach (string subject in simulated.Keys.Union(observed.Keys, StringComparer.Ordinal))
        {
            IReadOnlyList<ObservableEvent> left = simulated.GetValueOrDefault(subject, []);
            IReadOnlyList<ObservableEvent> right = observed.GetValueOrDefault(subject, []);
            int index = FirstDifferentIndex(left, right);
            if (index < 0) continue;
            // Where the difference shows: the simulator's event there, else (the simulator's sequence ended) QEMU's,
            // after every simulator position.
            long at = index < left.Count ? simulatorPosition[left[index]] : (long)int.MaxValue + qemuPosition[right[index]];
            if (at < firstAt)
            {
                firstAt = at;
                first = new SequenceDifference(subject, index, left, right);
            }
        }
        return new DifferentialResult(simulator, qemu, first);
    }

    /// <summary>The first index where the sequences differ, the shorter one's length if one is a prefix of the
    /// other, or -1 when they are equal.</summary>
    private static int FirstDifferentIndex(IReadOnlyList<ObservableEvent> left, IReadOnlyList<ObservableEvent> right)
    {
        int common = Math.Min(left.Count, right.Count);
        for (int index = 0; index < common; index++)
        {
            if (left[index].Line != right[index].Line) return index;
        }
        return left.Count == right.Count ? -1 : common;
    }

    /// <summary>Each event's place in its whole run, by identity: two events may print the same line.</summary>
    private static Dictionary<ObservableEvent, int> Positions(ObservableEventLog log)
    {
        var positions = new Dictionary<ObservableEvent, int>(ReferenceEqualityComparer.Instance);
        for (int index = 0; index < log.Events.Count; index++) positions.Add(log.Events[index], index);
        return positions;
    }
}
