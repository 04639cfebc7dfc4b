using System;
using System.IO;
using System.Linq;

namespace Kaal.Hil.Differential;

/// <summary>
/// How a differential check reads: one line when the runs agree (events compared per component); otherwise the
/// component that differs and its two sequences side by side, `simulator | qemu`, from a few events before the
/// first difference, each differing row marked with `>`, an event one side lacks shown as `(nothing)`.
/// </summary>
public static class DifferentialReport
{
    public const int ContextBefore = 3;
    public const int RowsFromDifference = 12;
    public const int ColumnWidth = 60;
    public const string Nothing = "(nothing)";

    public static void Write(DifferentialResult result, TextWriter output)
    {
        ObservableEventLog simulator = result.Simulator, qemu = result.Qemu;
        string timing = $"timing lines ignored: {simulator.TimingLinesIgnored} in the simulator, {qemu.TimingLinesIgnored} in qemu";
        if (result.FirstDifference is not { } difference)
        {
            string perSubject = string.Join(", ", simulator.BySubject().Select(entry => $"{entry.Key} {entry.Value.Count}"));
            output.WriteLine($"differential check: equal: {simulator.Events.Count} events in {simulator.BySubject().Count} components ({perSubject}); {timing}");
            return;
        }
        output.WriteLine($"differential check: DIFFERENT: component '{difference.Subject}' parts at its event {difference.Index + 1} " +
            $"(the simulator has {difference.Simulator.Count} of its events, qemu {difference.Qemu.Count})");
        if (result.QemuLogEndsEarly)
        {
            string nothing = qemu.Events.Count == 0 ? " (no component printed anything: did the system boot?)" : "";
            output.WriteLine($"  the qemu log ends after {qemu.Events.Count} events; simulator has {simulator.Events.Count}{nothing}");
        }
        output.WriteLine($"  {timing}");
        output.WriteLine($"  {difference.Subject}'s events from the first difference ('>' marks a difference):");
        output.WriteLine($"  {"",1} {"#",4}  {"simulator".PadRight(ColumnWidth)} | qemu");
        int total = Math.Max(difference.Simulator.Count, difference.Qemu.Count);
        int from = Math.Max(0, difference.Index - ContextBefore);
        int to = Math.Min(total, difference.Index + RowsFromDifference);
        for (int index = from; index < to; index++)
        {
            string left = index < difference.Simulator.Count ? difference.Simulator[index].ToString() : Nothing;
            string right = index < difference.Qemu.Count ? difference.Qemu[index].ToString() : Nothing;
            string mark = left == right ? " " : ">";
            int shownFrom = VisibleFrom(left, right);
            output.WriteLine($"  {mark} {index + 1,4}  {Window(left, shownFrom).PadRight(ColumnWidth)} | {Window(right, shownFrom)}");
        }
        if (to < total)
        {
            output.WriteLine($"  ... {total - to} more row{(total - to == 1 ? "" : "s")} of {difference.Subject} not shown");
        }
    }

    /// <summary>Where both sides of a row start to be shown: at the beginning, which names the component and what it
    /// did, unless the two differ only beyond the column; then around the first differing character, so a cut
    /// never hides the difference.</summary>
    private static int VisibleFrom(string left, string right)
    {
        int common = 0;
        while (common < left.Length && common < right.Length && left[common] == right[common]) common++;
        return common < ColumnWidth - Ellipsis.Length ? 0 : common - ColumnWidth / 2;
    }

    /// <summary>The text from <paramref name="from"/>, cut to the column; "..." says where something was left out.</summary>
    private static string Window(string text, int from)
    {
        string shown = from > 0 ? Ellipsis + text.Substring(Math.Min(from, text.Length)) : text;
        return shown.Length <= ColumnWidth ? shown : shown.Substring(0, ColumnWidth - Ellipsis.Length) + Ellipsis;
    }

    private const string Ellipsis = "...";
}
