using System;
using System.Collections.Generic;
using System.IO;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>
/// Which steps of a replay `kaal replay` prints: the last <see cref="Last"/> when asked, else those within
/// <see cref="Radius"/> of <see cref="Around"/> or of the failure's cause, else (a passing run) the last
/// <see cref="DefaultLast"/>. The cause step's lines are marked, so the cause is on screen however long the run.
/// </summary>
internal sealed record StepWindow(int? Last, int? Around)
{
    public const int Radius = 15;
    public const int DefaultLast = 40;
    public const string CauseMark = "  <== cause";

    /// <summary>Prints the chosen lines of <paramref name="stepLog"/> (one per event of <paramref name="events"/>, in step
    /// order), marking the cause's: those of its step by its component (all of its step when no component is known).</summary>
    public void Print(IReadOnlyList<string> stepLog, IReadOnlyList<SimEvent> events, RunCause? cause, TextWriter output)
    {
        int causeStep = cause?.Step ?? -1;
        (int first, int end) = Range(events, Around ?? (Last is null ? causeStep : -1));
        if (first > 0) output.WriteLine($"  ... {first} earlier step lines (--last 0 shows all, --around STEP others)");
        for (int index = first; index < end; index++)
        {
            bool isCause = events[index].Step == causeStep && (cause!.Component.Length == 0 || events[index].Thread == cause.Component);
            output.WriteLine(isCause ? stepLog[index] + CauseMark : stepLog[index]);
        }
        if (end < stepLog.Count) output.WriteLine($"  ... {stepLog.Count - end} later step lines");
    }

    /// <summary>The lines [first, end) to print: around <paramref name="centre"/> when it is a step, else the last ones.</summary>
    private (int First, int End) Range(IReadOnlyList<SimEvent> events, int centre)
    {
        if (centre < 0)
        {
            int last = Last ?? DefaultLast;
            return (last > 0 ? Math.Max(0, events.Count - last) : 0, events.Count);
        }
        int first = 0;
        while (first < events.Count && events[first].Step < centre - Radius) first++;
        int end = first;
        while (end < events.Count && events[end].Step <= centre + Radius) end++;
        return (first, end);
    }
}
