using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal explore --engine coyote` and `kaal bench engines`: Coyote's engine behind the same command, its bug
/// replayed by `kaal replay`, and what it cannot do refused with the option's name.</summary>
[Collection("Console")]
public sealed class CoyoteEngineCommandTests
{
    [Fact]
    public void Explore_with_coyote_finds_stale_full_and_kaal_replay_gives_the_same_verdict()
    {
        string trace = Path.Combine(Path.GetTempPath(), $"kaal-cli-coyote-{Guid.NewGuid():N}.json");
        string coyoteTrace = Path.ChangeExtension(trace, ".coyote.trace");
        try
        {
            (int exploreCode, string explored, _) = Cli.Run("explore", "spsc-channel-stale-full", "--engine", "coyote", "--strategy", "probabilistic:3",
                "--iterations", "300", "--no-invariants", "--out", trace);
            Assert.Equal(1, exploreCode);
            Assert.Contains("Coyote's probabilistic:3", explored);
            Assert.True(File.Exists(coyoteTrace), $"no Coyote trace at {coyoteTrace}");
            (int replayCode, string replayed, _) = Cli.Run("replay", trace);
            Assert.Equal(1, replayCode);
            Assert.Equal(VerdictOf(explored), VerdictOf(replayed));
            Assert.StartsWith("verdict: deadlock", VerdictOf(replayed));
        }
        finally
        {
            File.Delete(trace);
            File.Delete(coyoteTrace);
        }
    }

    [Theory]
    [InlineData("--workers", "2", "--workers 2")]
    [InlineData("--strategy", "dfs", "Coyote has no strategy 'dfs'")]
    [InlineData("--strategy", "portfolio", "Coyote has no strategy 'portfolio'")]
    [InlineData("--strategy", "pct:0", "the bound '0'")]
    [InlineData("--shard", "0/2", "--shard 0/2")]
    public void What_coyote_cannot_do_exits_2_naming_the_option(string option, string value, string expected)
    {
        (int code, _, string error) = Cli.Run("explore", "spsc-channel", "--engine", "coyote", option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void An_unknown_engine_exits_2()
    {
        (int code, _, string error) = Cli.Run("explore", "spsc-channel", "--engine", "chess");
        Assert.Equal(2, code);
        Assert.Contains("chess", error);
    }

    [Fact]
    public void Bench_engines_prints_both_engines_and_their_ratios_for_every_strategy()
    {
        (int code, string output, _) = Cli.Run("bench", "engines", "--schedules", "10", "--seeds", "1", "--schedules-per-seed", "2");
        Assert.Equal(0, code);
        // Tables since Spectre.Console: the throughput ratio is a row, each hunt a kaal, a coyote and a ratio row per strategy.
        Assert.Matches(@"(?m)^  spsc-channel +10  kaal/coyote +[\d.]+x +[\d.]+x$", output);
        foreach (string strategy in new[] { "random", "probabilistic:3", "pct:3", "pct:10", "delay-bounding:3", "delay-bounding:10" })
        {
            Assert.Equal(6, output.Split('\n').Count(line => line.TrimStart().StartsWith(strategy + " ", StringComparison.Ordinal)));
        }
        Assert.Equal(12, output.Split('\n').Count(line => line.Contains("  coyote/kaal ", StringComparison.Ordinal)));
    }

    private static string VerdictOf(string output) => output.Split('\n').Last(line => line.StartsWith("verdict: ", StringComparison.Ordinal)).TrimEnd();
}
