using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Kaal.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Testing;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>Colour, tables and live progress only on a terminal (Spectre.Console): redirected output, NO_COLOR and
/// --format json get plain text without a single escape sequence; a console that takes ANSI gets the colours.</summary>
[Collection("Console")]
public sealed class TerminalOutputTests
{
    private const char Escape = '\u001b';

    /// <summary>The test host's output is redirected (Cli.Run captures it): every command's text is plain.</summary>
    [Theory]
    [InlineData("explore", "spsc-channel-stale-full", "--iterations", "50")]
    [InlineData("explore", "spsc-channel", "--iterations", "20", "--no-invariants")]
    [InlineData("bench", "model", "--iterations", "1000", "--rounds", "1")]
    [InlineData("components", "list", "--no-project")]
    public void Redirected_output_has_no_escape_sequence(params string[] args)
    {
        string trace = Path.Combine(Path.GetTempPath(), $"kaal-terminal-{Guid.NewGuid():N}.json");
        try
        {
            (_, string output, string error) = Cli.Run(args[0] == "explore" ? [.. args, "--out", trace] : args);
            Assert.True(output.Length > 0);
            Assert.DoesNotContain(Escape, output + error);
            Assert.Contains(args[0] == "explore" ? "verdict: " : args[0] == "bench" ? "Call+ReplyRecv round trips" : "serial_driver", output);
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Theory]
    [InlineData(false, null, false, true)]
    [InlineData(false, "", false, true)]
    [InlineData(false, "1", false, false)]
    [InlineData(true, null, false, false)]
    [InlineData(false, null, true, false)]
    public void Ansi_only_on_a_terminal_without_NO_COLOR_or_json(bool redirected, string? noColor, bool json, bool ansi) =>
        Assert.Equal(ansi, Terminal.UsesAnsi(redirected, noColor, json));

    [Fact]
    public void Json_format_turns_colour_off_for_the_command_and_back_after_it()
    {
        Assert.False(Terminal.IsPlainOnly);
        using (Terminal.PlainOnly())
        {
            Assert.True(Terminal.IsPlainOnly);
        }
        Assert.False(Terminal.IsPlainOnly);
        (int code, string output, string error) = Cli.Run("bench", "model", "--iterations", "1000", "--rounds", "1", "--format", "json");
        Assert.Equal(0, code);
        Assert.DoesNotContain(Escape, output + error);
        Assert.Contains("Call+ReplyRecv round trips", error);
    }

    [Fact]
    public void A_console_that_takes_ANSI_shows_verdicts_in_colour()
    {
        var console = new TestConsole().EmitAnsiSequences().Colors(ColorSystem.Standard);
        VerdictText.Write(console, "verdict: passed (12 steps)", passed: true);
        VerdictText.Write(console, "verdict: deadlock at step 3", passed: false);
        string[] lines = console.Output.Split('\n');
        Assert.Contains(Escape, lines[0]);
        Assert.Contains("\u001b[1;32m", lines[0]); // bold green
        Assert.Contains("\u001b[1;91m", lines[1]); // bold red
    }

    [Fact]
    public void A_plain_console_shows_the_verdict_and_tables_as_plain_text()
    {
        var writer = new StringWriter();
        IAnsiConsole console = Terminal.Create(writer, ansi: false);
        VerdictText.Write(console, "verdict: passed (12 steps)", passed: true);
        new FigureTable("figures", new FigureColumn("name", "name", IsFigure: false), new FigureColumn("rate", "rate/s"))
            .Add("one", FigureCell.Number(1234.6, "N0")).Write(console);
        Assert.Equal("verdict: passed (12 steps)\nfigures:\n  name  rate/s\n  one    1,235\n", writer.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_console_that_takes_ANSI_draws_tables_with_borders()
    {
        var console = new TestConsole().EmitAnsiSequences().Colors(ColorSystem.Standard);
        new FigureTable("figures", new FigureColumn("name", "name", IsFigure: false), new FigureColumn("rate", "rate/s"))
            .Add("one", FigureCell.Number(1234.6, "N0")).Write(console);
        Assert.Contains("╭", console.Output);
        Assert.Contains("1,235", console.Output);
        Assert.Contains(Escape, console.Output);
    }
}
