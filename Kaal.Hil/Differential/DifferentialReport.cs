using System;
using System.IO;
using System.Linq;

namespace Kaal.Hil.Differential;

/// <summary>
/// How a differential check reads: one line when the runs agree (events compared per component); otherwise every
/// component that differs, named on the first line, and for each its two aligned sequences side by side,
/// `simulator | qemu`, from a few rows before its first difference, each differing row marked with `>`, an event one
/// side lacks shown against `(nothing)`. When the simulator's own run ended in a bug the report says so first: its
/// events are what a failing run did, not what the system should do.
/// </summary>
public static class DifferentialReport
{
    public const int ContextBefore = 3;
    public const int RowsFromDifference = 12;
    public const int ColumnWidth = 60;
    public const string Nothing = "(nothing)";

    /// <param name="simulatorFailure">how the simulator's run failed (its verdict), or null when it ended cleanly.</param>
    public static void Write(DifferentialResult result, TextWriter output, string? simulatorFailure = null)
    {
        WriteSummary(result, output, simulatorFailure);
        foreach (SubjectDifference difference in result.Differences) WriteSubject(difference, output);
    }

    /// <summary>The lines before the per-component sequences: the verdict naming every differing component, the
    /// simulator's failure, a short QEMU log and the timing lines ignored.</summary>
    public static void WriteSummary(DifferentialResult result, TextWriter output, string? simulatorFailure = null)
    {
        ObservableEventLog simulator = result.Simulator, qemu = result.Qemu;
        string timing = $"timing lines ignored: {simulator.TimingLinesIgnored} in the simulator, {qemu.TimingLinesIgnored} in qemu";
        string failed = simulatorFailure is null ? "" : $"  NOTE: the simulator's own run failed ({simulatorFailure}): its events are those of a failing run, not what the system should do";
        if (result.FirstDifference is not { } first)
        {
            string perSubject = string.Join(", ", simulator.BySubject().Select(entry => $"{entry.Key} {entry.Value.Count}"));
            output.WriteLine($"differential check: equal: {simulator.Events.Count} events in {simulator.BySubject().Count} components ({perSubject}); {timing}");
            if (failed.Length > 0) output.WriteLine(failed);
            return;
        }
        string named = string.Join(", ", result.Differences.Select(difference => $"'{difference.Subject}' ({Rows(difference.DifferentRows)})"));
        string count = result.Differences.Count == 1 ? "1 component differs" : $"{result.Differences.Count} components differ";
        output.WriteLine($"differential check: DIFFERENT: {count}: {named}; the first, '{first.Subject}', parts at its event {PartsAt(first)}");
        if (failed.Length > 0) output.WriteLine(failed);
        if (result.QemuLogEndsEarly)
        {
            string nothing = qemu.Events.Count == 0 ? " (no component printed anything: did the system boot?)" : "";
            output.WriteLine($"  the qemu log ends after {qemu.Events.Count} events; simulator has {simulator.Events.Count}{nothing}");
        }
        output.WriteLine($"  {timing}");
    }

    /// <summary>The rows of a component shown: from a few before its first difference, at most <see cref="RowsFromDifference"/> after it.</summary>
    public static (int From, int To) ShownRows(SubjectDifference difference) =>
        (Math.Max(0, difference.FirstDifferentRow - ContextBefore), Math.Min(difference.Rows.Count, difference.FirstDifferentRow + RowsFromDifference));

    /// <summary>What a row shows on each side (cut to the column, the difference kept in view).</summary>
    public static (string Simulator, string Qemu) Shown(AlignedRow row)
    {
        string left = row.Simulator?.ToString() ?? Nothing;
        string right = row.Qemu?.ToString() ?? Nothing;
        int shownFrom = VisibleFrom(left, right);
        return (Window(left, shownFrom), Window(right, shownFrom));
    }

    /// <summary>The line under a component's rows when some are not shown (null when all are).</summary>
    public static string? Hidden(SubjectDifference difference, int to)
    {
        int hidden = difference.Rows.Count - to;
        return hidden <= 0 ? null : $"  ... {Rows(hidden)} of {difference.Subject} not shown ({difference.Rows.Skip(to).Count(row => !row.Same)} of them differ)";
    }

    /// <summary>The line that introduces a component's rows.</summary>
    public static string Heading(SubjectDifference difference) =>
        $"  {difference.Subject}: {difference.SimulatorCount} events in the simulator, {difference.QemuCount} in qemu; {Rows(difference.DifferentRows)} differ ('>' marks a difference):";

    /// <summary>1-based event number in a sequence, blank where the side has none.</summary>
    public static string Number(int index) => index < 0 ? "" : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteSubject(SubjectDifference difference, TextWriter output)
    {
        output.WriteLine(Heading(difference));
        output.WriteLine($"  {"",1} {"sim",4} {"qemu",4}  {"simulator".PadRight(ColumnWidth)} | qemu");
        (int from, int to) = ShownRows(difference);
        for (int index = from; index < to; index++)
        {
            AlignedRow row = difference.Rows[index];
            (string left, string right) = Shown(row);
            output.WriteLine($"  {(row.Same ? " " : ">")} {Number(row.SimulatorIndex),4} {Number(row.QemuIndex),4}  {left.PadRight(ColumnWidth)} | {right}");
        }
        if (Hidden(difference, to) is string hidden) output.WriteLine(hidden);
    }

    /// <summary>The 1-based place of the component's first differing event: in the simulator's sequence, or in
    /// QEMU's when the simulator has nothing there.</summary>
    private static int PartsAt(SubjectDifference difference)
    {
        AlignedRow row = difference.Rows[difference.FirstDifferentRow];
        return (row.Simulator is not null ? row.SimulatorIndex : row.QemuIndex) + 1;
    }

    private static string Rows(int count) => count == 1 ? "1 row" : $"{count} rows";


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
