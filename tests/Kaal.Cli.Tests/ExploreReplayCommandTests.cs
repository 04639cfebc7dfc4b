using System;
using System.IO;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal explore` and `kaal replay` exit codes and what they print (0 = no bug, 1 = bug, 2 = usage error).</summary>
[Collection("Console")]
public sealed class ExploreReplayCommandTests
{
    [Fact]
    public void Explore_finds_the_bug_writes_a_trace_and_replay_reproduces_it()
    {
        string trace = Path.Combine(Path.GetTempPath(), $"kaal-cli-{Guid.NewGuid():N}.json");
        try
        {
            (int exploreCode, string explored, _) = Cli.Run("explore", "spsc-channel-stale-full", "--strategy", "pct:10", "--iterations", "200", "--out", trace);
            Assert.Equal(1, exploreCode);
            Assert.Contains("BUG in schedule", explored);
            Assert.Contains($"replay: kaal replay {trace}", explored);
            (int replayCode, string replayed, _) = Cli.Run("replay", trace, "--last", "5");
            Assert.Equal(1, replayCode);
            Assert.Contains("outcome: Deadlock", replayed);
            Assert.Contains("consumer Wait", replayed);
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Fact]
    public void Explore_without_a_bug_exits_0()
    {
        (int code, string output, _) = Cli.Run("explore", "spsc-channel", "--iterations", "20", "--workers", "2", "--no-invariants");
        Assert.Equal(0, code);
        Assert.Contains("no bug found", output);
    }

    [Theory]
    [InlineData("no-such-scenario", "random", "no scenario named 'no-such-scenario'")]
    [InlineData("spsc-channel", "pct:zero", "pct:zero")]
    [InlineData("spsc-channel", "best", "unknown strategy")]
    public void Usage_errors_exit_2_and_name_the_value(string scenario, string strategy, string expected)
    {
        (int code, _, string error) = Cli.Run("explore", scenario, "--strategy", strategy);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Litmus_prints_the_table_and_every_row_matches()
    {
        (int code, string output, _) = Cli.Run("litmus");
        Assert.Equal(0, code);
        Assert.Contains("| LB | r0=1 r1=1 | yes | yes | no | yes | yes |", output);
        Assert.Contains("every test matches", output);
    }

    [Fact]
    public void Replay_of_a_damaged_trace_exits_2()
    {
        string trace = Path.Combine(Path.GetTempPath(), $"kaal-cli-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(trace, "{\"format\":\"kaal-trace\",\"version\":9}");
            (int code, _, string error) = Cli.Run("replay", trace);
            Assert.Equal(2, code);
            Assert.Contains("version 9 is not supported", error);
        }
        finally
        {
            File.Delete(trace);
        }
    }
}

internal static class Cli
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        TextWriter originalOut = Console.Out;
        TextWriter originalError = Console.Error;
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (Program.Main(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
