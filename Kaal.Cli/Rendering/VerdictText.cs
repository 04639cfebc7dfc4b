using Spectre.Console;

namespace Kaal.Cli.Rendering;

/// <summary>The verdict line in colour on a terminal: passed green, anything else red (the words are Verdict's).</summary>
internal static class VerdictText
{
    public static void Write(IAnsiConsole console, string line, bool passed) =>
        Terminal.Line(console, line, new Style(passed ? Color.Green : Color.Red, decoration: Decoration.Bold));

    /// <summary>On <see cref="Terminal.Out"/>.</summary>
    public static void Write(string line, bool passed) => Write(Terminal.Out, line, passed);
}
