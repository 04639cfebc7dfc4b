using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Kaal.Cli.Commands;
using Kaal.Cli.Rendering;
using Spectre.Console;

namespace Kaal.Cli.Benchmarks;

/// <summary>
/// What every `kaal bench` subcommand does with its figures: measures under a live progress bar (a terminal only),
/// then prints them as tables, and with `--format json` writes them as one document (docs/json.md, "kaal bench"):
/// <c>{"benchmark": NAME, "tables": [{"title", "rows": [{key: value...}], "notes"}], "exitCode": 0}</c>.
/// </summary>
internal static class BenchOutput
{
    public static int Run(string format, string benchmark, int measurements, Func<BenchProgress, IReadOnlyList<FigureTable>> measure) =>
        OutputFormat.Run(format, json =>
        {
            IAnsiConsole console = Terminal.Out;
            IReadOnlyList<FigureTable> tables = LiveProgress.Run(console, $"bench {benchmark}", measurements, null, line => measure(new BenchProgress(line)));
            return Print(console, benchmark, tables, json);
        });

    public static Task<int> RunAsync(string format, string benchmark, int measurements, Func<BenchProgress, Task<IReadOnlyList<FigureTable>>> measure) =>
        OutputFormat.RunAsync(format, async json =>
        {
            IAnsiConsole console = Terminal.Out;
            IReadOnlyList<FigureTable> tables = await LiveProgress.RunAsync(console, $"bench {benchmark}", measurements, line => measure(new BenchProgress(line)));
            return Print(console, benchmark, tables, json);
        });

    private static int Print(IAnsiConsole console, string benchmark, IReadOnlyList<FigureTable> tables, JsonDocumentSink? json)
    {
        var documents = new JsonArray();
        foreach (FigureTable table in tables)
        {
            table.Write(console);
            documents.Add(table.ToJson());
        }
        if (json is not null) json.Document = new JsonObject { ["benchmark"] = benchmark, ["tables"] = documents };
        return 0;
    }
}
