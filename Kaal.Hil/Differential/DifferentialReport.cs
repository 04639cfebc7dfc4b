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
            $"(the simulator has {difference.Simulator.Count} of its events, qemu {difference.Qemu.Count}); {timing}");
        if (result.QemuLogEndsEarly)
        {
            string nothing = qemu.Events.Count == 0 ? " (no component printed anything: did the system boot?)" : "";
            output.WriteLine($"  the qemu log ends after {qemu.Events.Count} events; simulator has {simulator.Events.Count}{nothing}");
        }
        output.WriteLine($"  {difference.Subject}'s events from the first difference ('>' marks a difference):");
        output.WriteLine($"  {"",1} {"#",4}  {Cell("simulator")} | qemu");
        int total = Math.Max(difference.Simulator.Count, difference.Qemu.Count);
        int from = Math.Max(0, difference.Index - ContextBefore);
        int to = Math.Min(total, difference.Index + RowsFromDifference);
        for (int index = from; index < to; index++)
        {
            string left = index < difference.Simulator.Count ? difference.Simulator[index].ToString() : Nothing;
            string right = index < difference.Qemu.Count ? difference.Qemu[index].ToString() : Nothing;
            string mark = left == right ? " " : ">";
            output.WriteLine($"  {mark} {index + 1,4}  {Cell(left)} | {Truncate(right)}");
        }
        if (to < total)
        {
            output.WriteLine($"  ... {total - to} more row{(total - to == 1 ? "" : "s")} of {difference.Subject} not shown");
        }
    }

    /// <summary>A left-hand cell: cut to the column, padded so the separators line up.</summary>
    private static string Cell(string text) => Truncate(text).PadRight(ColumnWidth);

    /// <summary>Long lines keep their start, which names the component and what it did, and say they were cut.</summary>
    private static string Truncate(string text) => text.Length <= ColumnWidth ? text : text.Substring(0, ColumnWidth - 3) + "...";
}
