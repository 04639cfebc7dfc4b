using System;
using System.IO;
using System.Threading;
using Spectre.Console;

namespace Kaal.Cli.Rendering;

/// <summary>
/// Where the CLI's human text goes and whether it gets colour and live displays: Spectre.Console with ANSI only when
/// the stream is a terminal, NO_COLOR is unset (or empty, as no-color.org says) and no `--format json` is running;
/// otherwise plain text with no escape sequence, wide enough that tables do not wrap in a log.
/// </summary>
internal static class Terminal
{
    /// <summary>Plain text's width: a redirected stream has none, and a log is read wider than 80 columns.</summary>
    public const int PlainWidth = 200;

    // Async-local: `kaal hil run` awaits, and a test host may run several commands on other threads.
    private static readonly AsyncLocal<bool> s_plainOnly = new();

    /// <summary>True when text for a stream gets ANSI: a terminal, NO_COLOR unset or empty, and no JSON command running.</summary>
    public static bool UsesAnsi(bool redirected, string? noColor, bool plainOnly) => !redirected && string.IsNullOrEmpty(noColor) && !plainOnly;

    /// <summary>True while a `--format json` command runs in this flow.</summary>
    public static bool IsPlainOnly => s_plainOnly.Value;

    /// <summary>The console for what Console.Out now is (stderr while a JSON command runs).</summary>
    public static IAnsiConsole Out =>
        Create(Console.Out, UsesAnsi(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"), IsPlainOnly));

    /// <summary>Plain text for the calling flow until the result is disposed (`--format json`).</summary>
    public static IDisposable PlainOnly()
    {
        bool before = s_plainOnly.Value;
        s_plainOnly.Value = true;
        return new Restore(() => s_plainOnly.Value = before);
    }

    /// <summary>A console on <paramref name="writer"/>: ANSI colour and live displays, or plain text.</summary>
    public static IAnsiConsole Create(TextWriter writer, bool ansi)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = ansi ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!ansi) console.Profile.Width = PlainWidth;
        return console;
    }

    /// <summary>One line: styled on a terminal; as it is otherwise (plain text is never wrapped: a log keeps long lines whole).</summary>
    public static void Line(IAnsiConsole console, string text, Style style)
    {
        if (console.Profile.Capabilities.Ansi) console.Write(new Text(text + "\n", style));
        else console.Profile.Out.Writer.WriteLine(text);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
