using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Hil.Protocol;

namespace Kaal.Hil.Differential;

/// <summary>
/// The observable events of one run, read from its console: component lines (`[name] text`) in order, without
/// timing lines (<see cref="TimingLineRules"/>). Everything else is not an event: kernel boot lines, QEMU's
/// messages, the simulator's own summary, blank lines.
/// </summary>
public sealed class ObservableEventLog
{
    private ObservableEventLog(IReadOnlyList<ObservableEvent> events, int timingLinesIgnored)
    {
        Events = events;
        TimingLinesIgnored = timingLinesIgnored;
    }

    public IReadOnlyList<ObservableEvent> Events { get; }

    /// <summary>Component lines left out because they depend on time.</summary>
    public int TimingLinesIgnored { get; }

    /// <summary>From console lines without line breaks (a trailing CR, as a CRLF console leaves it, is dropped).</summary>
    public static ObservableEventLog FromLines(IEnumerable<string> lines)
    {
        var events = new List<ObservableEvent>();
        int timing = 0;
        foreach (string line in lines)
        {
            if (!ComponentLine.TryParse(line.TrimEnd('\r'), out ComponentLine printed)) continue;
            if (TimingLineRules.Match(printed.Text) is not null)
            {
                timing++;
                continue;
            }
            string subject = LifecycleLine.TryParse(printed, out LifecycleLine lifecycle) ? lifecycle.Subject : printed.Component;
            events.Add(new ObservableEvent(subject, printed));
        }
        return new ObservableEventLog(events, timing);
    }

    /// <summary>From a captured console (LF or CRLF). A last line without its line break is left out: the machine
    /// stopped while printing it, so it is not a whole event.</summary>
    public static ObservableEventLog FromConsoleText(string text)
    {
        string[] lines = text.Split('\n');
        return FromLines(lines.Take(lines.Length - 1));
    }

    /// <summary>Each subject's events in order, subjects by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ObservableEvent>> BySubject() =>
        Events.GroupBy(observed => observed.Subject, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<ObservableEvent>)group.ToList(), StringComparer.Ordinal);
}
