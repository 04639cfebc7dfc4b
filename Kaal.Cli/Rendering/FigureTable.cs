using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kaal.Cli.Rendering;

/// <summary>One column: the key JSON uses, the header people read, and whether its cells are figures (right-aligned).</summary>
internal sealed record FigureColumn(string Key, string Header, bool IsFigure = true);

/// <summary>One cell: the text shown and the value JSON gets (a number for a figure; null when there is none,
/// e.g. a median over no bug).</summary>
internal readonly record struct FigureCell(string Text, JsonNode? Value)
{
    public static implicit operator FigureCell(string text) => new(text, JsonValue.Create(text));

    public static FigureCell Number(double value, string format, string suffix = "") =>
        double.IsFinite(value) ? new($"{value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}{suffix}", JsonValue.Create(value)) : new("-", null);

    public static FigureCell Number(long value) => new(value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), JsonValue.Create(value));
}

/// <summary>
/// A table of figures (`kaal bench`, `kaal explore`'s summary, listings): rendered as a Spectre.Console table with a
/// border on a terminal and as aligned plain columns otherwise (as the figures were printed before Spectre.Console), and as JSON rows keyed by <see cref="FigureColumn.Key"/>.
/// </summary>
internal sealed class FigureTable(string title, params FigureColumn[] columns)
{
    private readonly List<FigureCell[]> _rows = new();

    public string Title => title;

    public IReadOnlyList<FigureColumn> Columns => columns;

    public IReadOnlyList<FigureCell[]> Rows => _rows;

    /// <summary>Lines shown under the table (what a column means); JSON carries them as "notes".</summary>
    public List<string> Notes { get; } = new();

    public FigureTable Add(params FigureCell[] cells)
    {
        if (cells.Length != columns.Length) throw new System.ArgumentException($"table '{title}': a row of {cells.Length} cells for {columns.Length} columns");
        _rows.Add(cells);
        return this;
    }

    public void Write(IAnsiConsole console)
    {
        bool ansi = console.Profile.Capabilities.Ansi;
        Terminal.Line(console, title + ":", new Style(decoration: Decoration.Bold));
        if (ansi) console.Write(Bordered());
        else console.Profile.Out.Writer.Write(Plain());
        foreach (string note in Notes) Terminal.Line(console, $"  ({note})", Style.Plain);
    }

    private Table Bordered()
    {
        var table = new Table { Border = TableBorder.Rounded };
        foreach (FigureColumn column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column.Header, new Style(decoration: Decoration.Bold))) { Alignment = column.IsFigure ? Justify.Right : Justify.Left });
        }
        foreach (FigureCell[] row in _rows) table.AddRow(System.Array.ConvertAll(row, cell => (IRenderable)new Text(cell.Text)));
        return table;
    }

    /// <summary>Aligned columns, two spaces before each, no trailing blanks: what logs and scripts grep.</summary>
    private string Plain()
    {
        int[] widths = new int[columns.Length];
        for (int index = 0; index < columns.Length; index++)
        {
            widths[index] = columns[index].Header.Length;
            foreach (FigureCell[] row in _rows) widths[index] = System.Math.Max(widths[index], row[index].Text.Length);
        }
        var text = new StringBuilder();
        AppendLine(text, widths, System.Array.ConvertAll(columns, column => column.Header));
        foreach (FigureCell[] row in _rows) AppendLine(text, widths, System.Array.ConvertAll(row, cell => cell.Text));
        return text.ToString();
    }

    private void AppendLine(StringBuilder text, int[] widths, string[] cells)
    {
        var line = new StringBuilder();
        for (int index = 0; index < cells.Length; index++)
        {
            line.Append("  ").Append(columns[index].IsFigure ? cells[index].PadLeft(widths[index]) : cells[index].PadRight(widths[index]));
        }
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    public JsonObject ToJson()
    {
        var rows = new JsonArray();
        foreach (FigureCell[] row in _rows)
        {
            var item = new JsonObject();
            for (int index = 0; index < columns.Length; index++) item[columns[index].Key] = row[index].Value?.DeepClone();
            rows.Add(item);
        }
        var notes = new JsonArray();
        foreach (string note in Notes) notes.Add(note);
        return new JsonObject { ["title"] = title, ["rows"] = rows, ["notes"] = notes };
    }
}
