using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal explore --shard i/N --report F` and `kaal merge`: exit codes, the merged totals, and the
/// traces of the distinct bugs.</summary>
[Collection("Console")]
public sealed class CampaignCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"kaal-campaign-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Two_shards_merge_into_the_unsharded_run()
    {
        string whole = Path.Combine(_folder, "whole.json");
        Assert.Equal(0, Cli.Run("explore", "spsc-channel-smp", "--iterations", "40", "--no-invariants", "--report", whole).ExitCode);
        for (int index = 0; index < 2; index++)
        {
            (int code, string output, _) = Cli.Run("explore", "spsc-channel-smp", "--iterations", "40", "--no-invariants", "--shard", $"{index}/2",
                "--report", Path.Combine(_folder, $"shard-{index}.json"));
            Assert.Equal(0, code);
            Assert.Contains($"shard {index}/2 (20 of 40 iterations)", output);
        }
        (int mergeCode, string merged, _) = Cli.Run("merge", Path.Combine(_folder, "shard-0.json"), Path.Combine(_folder, "shard-1.json"));
        Assert.Equal(0, mergeCode);
        Assert.Contains("shards 0, 1 of 2", merged);
        Assert.Contains("no bug found", merged);
        (_, string single, _) = Cli.Run("merge", whole);
        Assert.Equal(Totals(single), Totals(merged));
    }

    [Fact]
    public void Merge_lists_each_distinct_bug_once_and_writes_its_trace()
    {
        for (int index = 0; index < 2; index++)
        {
            (int code, _, _) = Cli.Run("explore", "spsc-channel-missing-release-smp", "--iterations", "60", "--no-invariants", "--shard", $"{index}/2",
                "--report", Path.Combine(_folder, $"shard-{index}.json"), "--out", Path.Combine(_folder, $"trace-{index}.json"));
            Assert.Equal(1, code);
        }
        string traces = Path.Combine(_folder, "traces");
        (int mergeCode, string merged, _) = Cli.Run("merge", Path.Combine(_folder, "shard-0.json"), Path.Combine(_folder, "shard-1.json"), "--traces", traces,
            "--out", Path.Combine(_folder, "merged.json"));
        Assert.Equal(1, mergeCode);
        Assert.Contains("bug 1: AssertionFailed", merged);
        Assert.DoesNotContain("bug 2:", merged);
        Assert.Contains("found by 2 report(s)", merged);
        (int replayCode, string replayed, _) = Cli.Run("replay", Path.Combine(traces, "bug-1.json"));
        Assert.Equal(1, replayCode);
        Assert.Contains("STALE", replayed);
    }

    [Fact]
    public void Missing_shards_and_mixed_campaigns_exit_2()
    {
        string shard = Path.Combine(_folder, "shard-0.json");
        string other = Path.Combine(_folder, "other.json");
        Cli.Run("explore", "spsc-channel-smp", "--iterations", "10", "--no-invariants", "--shard", "0/2", "--report", shard);
        Cli.Run("explore", "spsc-channel-smp", "--iterations", "10", "--no-invariants", "--shard", "1/2", "--seed", "5", "--report", other);
        (int missingCode, _, string missing) = Cli.Run("merge", shard);
        Assert.Equal(2, missingCode);
        Assert.Contains("shards 1 of 2 have no report", missing);
        (int allowedCode, string allowed, _) = Cli.Run("merge", shard, "--allow-missing");
        Assert.Equal(0, allowedCode);
        Assert.Contains("incomplete", allowed);
        (int mixedCode, _, string mixed) = Cli.Run("merge", shard, other);
        Assert.Equal(2, mixedCode);
        Assert.Contains("'seed' is 5", mixed);
        (int badShard, _, string bad) = Cli.Run("explore", "spsc-channel-smp", "--shard", "2/2");
        Assert.Equal(2, badShard);
        Assert.Contains("'2/2'", bad);
    }

    private static string Totals(string mergeOutput) => Regex.Match(mergeOutput, "schedules .*coverage digest [0-9a-f]+").Value;
}
