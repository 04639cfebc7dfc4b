using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`--format json` of kaal run, explore and replay (docs/json.md; hil run's in HilCommandTests): stdout is exactly one JSON document with the
/// documented fields, the human text goes to stderr, the exit codes are those of the text output; any other format is a
/// usage error.</summary>
[Collection("Console")]
public sealed class JsonFormatTests
{
    [Fact]
    public void Run_writes_one_document_with_the_verdict_the_console_by_component_and_the_trace()
    {
        string trace = Path.Combine(Path.GetTempPath(), $"kaal-json-{Guid.NewGuid():N}.json");
        try
        {
            string manifest = Path.Combine(RepositoryPaths.Root, "components.toml");
            (int code, string output, string error) = Cli.Run("run", "--manifest", manifest, "--seed", "9", "--trace", trace, "--format", "json");
            Assert.True(code == 0, output + error);
            DocumentSchema.AssertValid("run", output);
            using JsonDocument document = JsonDocument.Parse(output);
            JsonElement run = document.RootElement;
            Assert.Equal("run", run.GetProperty("command").GetString());
            Assert.Equal(manifest, run.GetProperty("manifest").GetString());
            Assert.Equal(9UL, run.GetProperty("seed").GetUInt64());
            Assert.Equal("Passed", run.GetProperty("outcome").GetString());
            Assert.Equal("passed", run.GetProperty("check").GetString());
            int steps = run.GetProperty("steps").GetInt32();
            Assert.Equal($"verdict: passed ({steps} steps)", run.GetProperty("verdict").GetString());
            Assert.True(run.GetProperty("shutDown").GetBoolean());
            Assert.Equal(0, run.GetProperty("systemExitCode").GetInt32());
            Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
            Assert.Equal(trace, run.GetProperty("tracePath").GetString());
            Assert.Contains("summary: 4 started, 0 restarted, 0 faulted, 0 failed, 0 not started",
                run.GetProperty("console").GetProperty("system_init").EnumerateArray().Select(line => line.GetString()));
            Assert.StartsWith("received items 1..40 in order", run.GetProperty("console").GetProperty("ipc_consumer")[0].GetString());
            // The human text is all on stderr, the verdict line included.
            Assert.Contains("[system_init] started serial_driver", error);
            Assert.Contains("verdict: passed (", error);
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Fact]
    public void Explore_and_replay_of_a_bug_give_its_schedule_trace_replay_command_and_cause()
    {
        string trace = Path.Combine(Path.GetTempPath(), $"kaal-json-{Guid.NewGuid():N}.json");
        try
        {
            (int code, string output, string error) = Cli.Run("explore", "spsc-channel-stale-full", "--strategy", "pct:10", "--iterations", "200", "--out", trace, "--format", "json");
            Assert.True(code == 1, output + error);
            DocumentSchema.AssertValid("explore", output);
            using JsonDocument explored = JsonDocument.Parse(output);
            JsonElement exploration = explored.RootElement;
            Assert.Equal("explore", exploration.GetProperty("command").GetString());
            Assert.Equal("fair:1000:pct:10", exploration.GetProperty("strategy").GetString());
            Assert.True(exploration.GetProperty("schedulesRun").GetInt32() >= 1);
            Assert.Equal(1, exploration.GetProperty("exitCode").GetInt32());
            Assert.Equal(JsonValueKind.Number, exploration.GetProperty("wallTimeSeconds").ValueKind);
            JsonElement bug = Assert.Single(exploration.GetProperty("bugs").EnumerateArray());
            Assert.Equal(JsonValueKind.Number, bug.GetProperty("scheduleIndex").ValueKind);
            Assert.Equal("deadlock", bug.GetProperty("check").GetString());
            Assert.StartsWith("verdict: deadlock at step ", bug.GetProperty("verdict").GetString());
            Assert.Equal(trace, bug.GetProperty("tracePath").GetString());
            Assert.Equal($"kaal replay {trace}", bug.GetProperty("replayCommand").GetString());
            Assert.Contains("exploring spsc-channel-stale-full", error);

            (int replayCode, string replayOutput, string replayError) = Cli.Run("replay", trace, "--format", "json");
            Assert.True(replayCode == 1, replayOutput + replayError);
            DocumentSchema.AssertValid("replay", replayOutput);
            using JsonDocument replayed = JsonDocument.Parse(replayOutput);
            JsonElement replay = replayed.RootElement;
            Assert.Equal(bug.GetProperty("verdict").GetString(), replay.GetProperty("verdict").GetString());
            Assert.Equal(bug.GetProperty("steps").GetInt32(), replay.GetProperty("steps").GetInt32());
            Assert.True(replay.GetProperty("matchesTrace").GetBoolean());
            int causeStep = replay.GetProperty("cause").GetProperty("step").GetInt32();
            Assert.Equal("consumer", replay.GetProperty("cause").GetProperty("component").GetString());
            Assert.Contains(replay.GetProperty("stepLines").EnumerateArray(), line => line.GetString()!.StartsWith($"  {causeStep}: consumer", StringComparison.Ordinal) && line.GetString()!.EndsWith("<== cause", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Fact]
    public void Explore_without_a_bug_has_no_bugs_and_the_passed_verdict()
    {
        (int code, string output, string error) = Cli.Run("explore", "spsc-channel", "--iterations", "20", "--no-invariants", "--format", "json");
        Assert.True(code == 0, output + error);
        DocumentSchema.AssertValid("explore", output);
        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement exploration = document.RootElement;
        Assert.Empty(exploration.GetProperty("bugs").EnumerateArray());
        Assert.Equal(20, exploration.GetProperty("schedulesRun").GetInt32());
        Assert.Equal("verdict: passed (20 schedules, no bug found)", exploration.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, exploration.GetProperty("stepLimit").ValueKind);
    }

    /// <summary>A command that could not run still gives a document (its exit code; the error on stderr).</summary>
    [Fact]
    public void A_command_that_could_not_run_gives_its_exit_code_as_the_document()
    {
        (int code, string output, string error) = Cli.Run("run", "--manifest", "/no/such/components.toml", "--format", "json");
        Assert.Equal(2, code);
        DocumentSchema.AssertValid("run", output);
        using JsonDocument document = JsonDocument.Parse(output);
        Assert.Equal(2, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("manifest '/no/such/components.toml' does not exist", error);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("explore", "spsc-channel")]
    [InlineData("replay", "kaal-trace.json")]
    [InlineData("hil", "run")]
    public void Another_format_is_a_usage_error(params string[] command)
    {
        (int code, string output, string error) = Cli.Run([.. command, "--format", "yaml"]);
        Assert.Equal(2, code);
        Assert.Contains("'yaml'", error);
        Assert.Empty(output);
    }
}
