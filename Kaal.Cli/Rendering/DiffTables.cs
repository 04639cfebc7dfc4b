using System.IO;
using Kaal.Hil.Differential;
using Spectre.Console;

namespace Kaal.Cli.Rendering;

/// <summary>
/// A differential check's report (`kaal diff`, `kaal hil run --manifest`): on a terminal each differing component's
/// aligned sequences as a table, differing rows in red; otherwise DifferentialReport's plain text, unchanged.
/// </summary>
internal static class DiffTables
{
    public static void Write(IAnsiConsole console, DifferentialResult result, string? simulatorFailure)
    {
        if (!console.Profile.Capabilities.Ansi)
        {
            DifferentialReport.Write(result, console.Profile.Out.Writer, simulatorFailure);
            return;
        }
        var summary = new StringWriter();
        DifferentialReport.WriteSummary(result, summary, simulatorFailure);
        Terminal.Line(console, summary.ToString().TrimEnd(), new Style(result.Equal ? Color.Green : Color.Red));
        foreach (SubjectDifference difference in result.Differences) console.Write(Table(difference));
    }

    private static Table Table(SubjectDifference difference)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape(DifferentialReport.Heading(difference).Trim())) };
        table.AddColumn(new TableColumn("sim") { Alignment = Justify.Right });
        table.AddColumn(new TableColumn("qemu") { Alignment = Justify.Right });
        table.AddColumn("simulator");
        table.AddColumn("qemu");
        (int from, int to) = DifferentialReport.ShownRows(difference);
        for (int index = from; index < to; index++)
        {
            AlignedRow row = difference.Rows[index];
            (string left, string right) = DifferentialReport.Shown(row);
            Style style = row.Same ? Style.Plain : new Style(Color.Red);
            table.AddRow(new Text(DifferentialReport.Number(row.SimulatorIndex), style), new Text(DifferentialReport.Number(row.QemuIndex), style),
                new Text(left, style), new Text(right, style));
        }
        if (DifferentialReport.Hidden(difference, to) is string hidden) table.Caption = new TableTitle(Markup.Escape(hidden.Trim()));
        return table;
    }
}
