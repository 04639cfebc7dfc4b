using System.Collections.Generic;
using System.Text;

namespace Kaal.Sim.Liveness;

/// <summary>
/// Liveness monitors after Coyote: a component marks a monitor hot while progress is owed to it and cold when it
/// arrives (<c>sys.Hot</c>, <c>sys.Cold</c>). A monitor hot for more than the threshold (its temperature), hot at
/// the step limit, or hot when the run ends is a liveness violation. Steps before the heal point (the safety
/// phase, when faults may be injected) do not count. While a monitor is hot the tracker keeps a window of
/// (state, step) fingerprints, so a violation can show its lasso: the prefix, then the cycle that repeats.
/// </summary>
public sealed class LivenessTracker
{
    public const int WindowSteps = 2048;
    private const int MaxCycleLinesShown = 16;

    /// <summary>Each hot monitor: the step it went hot and the component that marked it.</summary>
    private readonly SortedDictionary<string, (int Step, string Component)> _hotSince = new(System.StringComparer.Ordinal);
    private readonly ulong[] _fingerprints = new ulong[WindowSteps];
    private readonly int[] _steps = new int[WindowSteps];
    private readonly string[] _descriptions = new string[WindowSteps];
    private int _recorded;

    public bool AnyHot => _hotSince.Count > 0;

    public void Reset()
    {
        _hotSince.Clear();
        _recorded = 0;
    }

    /// <summary>Whether the mark changed the monitor's temperature (a transition, which is a step event).</summary>
    public bool Observe(string monitor, bool hot, int step, string component = "")
    {
        if (!hot) return _hotSince.Remove(monitor);
        if (_hotSince.ContainsKey(monitor)) return false;
        _hotSince.Add(monitor, (step, component));
        return true;
    }

    /// <summary>When <paramref name="monitor"/> went hot and who marked it (-1 and "" if it is cold).</summary>
    public (int Step, string Component) HotSince(string monitor) => _hotSince.TryGetValue(monitor, out (int Step, string Component) since) ? since : (-1, "");

    /// <summary>The monitor hot longest, counted from <paramref name="healedAtStep"/> at the earliest, and for how many steps.</summary>
    public (string Monitor, int Steps) Hottest(int step, int healedAtStep)
    {
        string monitor = "";
        int longest = -1;
        if (_hotSince.Count == 0) return (monitor, longest);   // runs every step: enumerating allocates
        foreach (KeyValuePair<string, (int Step, string Component)> entry in _hotSince)
        {
            int steps = step - System.Math.Max(entry.Value.Step, healedAtStep);
            if (steps > longest)
            {
                longest = steps;
                monitor = entry.Key;
            }
        }
        return (monitor, longest);
    }

    /// <summary>Remembers step <paramref name="step"/>'s fingerprint (the state before it) and what it did.</summary>
    public void Record(ulong fingerprint, int step, string description)
    {
        int slot = _recorded % WindowSteps;
        _fingerprints[slot] = fingerprint;
        _steps[slot] = step;
        _descriptions[slot] = description;
        _recorded++;
    }

    /// <summary>The lasso: the earliest step in the window whose state the latest step returns to starts the cycle, which
    /// runs to that state's next occurrence; everything before it is the prefix. Empty if nothing repeats.</summary>
    public string Lasso()
    {
        if (_recorded < 2) return "";
        ulong last = _fingerprints[(_recorded - 1) % WindowSteps];
        int oldest = System.Math.Max(0, _recorded - WindowSteps);
        int first = -1;
        for (int index = oldest; index < _recorded - 1 && first < 0; index++)
        {
            if (_fingerprints[index % WindowSteps] == last) first = index;
        }
        if (first < 0) return "  no repeating state within the last " + WindowSteps + " steps (the system changes but never delivers)" + System.Environment.NewLine;
        int next = first + 1;
        while (_fingerprints[next % WindowSteps] != last) next++;
        int cycleLength = next - first;
        var text = new StringBuilder();
        text.Append("  lasso: a prefix of ").Append(_steps[first % WindowSteps]).Append(" steps, then a cycle of ")
            .Append(cycleLength).Append(cycleLength == 1 ? " step" : " steps").Append(" that returns to the same state and repeats:").AppendLine();
        for (int step = first; step < next && step - first < MaxCycleLinesShown; step++)
        {
            int at = step % WindowSteps;
            text.Append("    ").Append(_steps[at]).Append(": ").Append(_descriptions[at]).AppendLine();
        }
        if (cycleLength > MaxCycleLinesShown) text.Append("    ... ").Append(cycleLength - MaxCycleLinesShown).Append(" more").AppendLine();
        return text.ToString();
    }
}
