using System;
using System.CommandLine;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Kaal.Cli.Commands;

/// <summary>
/// `--format text|json` of the commands that run schedules and of `kaal hil run` (docs/json.md). With json, stdout carries exactly one JSON
/// document: while the command runs, everything it prints for people (progress, console, summaries) goes to stderr,
/// so no command has to be written twice; then the document the command handed over is written to the real stdout.
/// </summary>
internal static class OutputFormat
{
    public const string Json = "json";

    /// <summary>The option; any other value than text or json is a usage error (exit 2) before anything runs.</summary>
    public static Option<string> Create() =>
        new Option<string>("--format") { Description = "text | json: json writes one JSON document to stdout, everything else to stderr (docs/json.md)", DefaultValueFactory = _ => "text" }
            .AcceptOnlyFromAmong("text", Json);

    /// <summary>Runs <paramref name="command"/>, which sets its document through the sink it gets (null for text). A
    /// command that ends before it has a result (exit 2: the error is on stderr) still gives one document,
    /// <c>{"exitCode": 2}</c>, so a script always has something to parse.</summary>
    public static int Run(string format, Func<JsonDocumentSink?, int> command) =>
        // The command runs to its end inside (nothing awaits), so this does not block on anything.
        RunAsync(format, sink => Task.FromResult(command(sink))).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run"/>
    public static async Task<int> RunAsync(string format, Func<JsonDocumentSink?, Task<int>> command)
    {
        if (format != Json) return await command(null);
        var sink = new JsonDocumentSink();
        TextWriter stdout = Console.Out;
        int exitCode;
        Console.SetOut(Console.Error);
        using IDisposable plain = Kaal.Cli.Rendering.Terminal.PlainOnly();
        try
        {
            exitCode = await command(sink);
        }
        finally
        {
            Console.SetOut(stdout);
        }
        JsonObject document = sink.Document ?? new JsonObject();
        document["exitCode"] = exitCode;
        stdout.WriteLine(document.ToJsonString(s_indented));
        return exitCode;
    }

    // Relaxed escaping: the document goes to a terminal or a script, never into HTML, and 'x' -> y reads better than \u0027.
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>Where a command puts its JSON document (set once, at its end).</summary>
internal sealed class JsonDocumentSink
{
    public JsonObject? Document { get; set; }
}
