using System.Linq;
using System.Text.Json;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal bench model` runs and prints its figures; bad arguments are refused with the value.
/// (The figures themselves are not asserted: machines here are shared and noisy.)</summary>
[Collection("Console")]
public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_model_prints_both_figures()
    {
        (int exitCode, string output, _) = Cli.Run("bench", "model", "--iterations", "1000", "--rounds", "1");
        Assert.Equal(0, exitCode);
        Assert.Matches(@"(?m)^  Call\+ReplyRecv round trips +[\d.]+  >= 5 M/s$", output);
        Assert.Matches(@"(?m)^  Signal\+Wait pairs +[\d.]+$", output);
    }

    /// <summary>The whole-system table (issue 21): both systems, invariants off and on, 1 and 2 workers, the default
    /// system under swarm faults, bytes per schedule and the ratio to spsc-channel measured in the same run.</summary>
    [Fact]
    public void Bench_sim_systems_only_prints_the_whole_system_table()
    {
        (int exitCode, string output, string error) = Cli.Run("bench", "sim", "--systems-only", "--schedules", "200");
        Assert.True(exitCode == 0, output + error);
        Assert.Contains("spsc-channel in the same run:", output);
        Assert.Contains("B/schedule", output);
        Assert.Contains("cores used", output);
        Assert.Contains("sch/CPU-s", output);
        foreach (string system in new[] { "default", "test-components" })
        {
            foreach (string checks in new[] { "none", "invariants" })
            {
                for (int workers = 1; workers <= 2; workers++)
                {
                    Assert.Matches($@"(?m)^  {system} +{checks} +{workers} +[\d,]+ +[\d,]+ +[\d.]+x +[\d.]+ +[\d,]+ +[\d,]+ +[\d.]+x$", output);
                }
            }
        }
        Assert.Matches(@"(?m)^  default +swarm faults +1 ", output);
    }

    /// <summary>--format json: one document on stdout with every table's rows keyed as docs/json.md lists; the tables
    /// for people on stderr.</summary>
    [Fact]
    public void Bench_model_as_json_is_one_document_of_tables()
    {
        (int exitCode, string output, string error) = Cli.Run("bench", "model", "--iterations", "1000", "--rounds", "1", "--format", "json");
        Assert.True(exitCode == 0, output + error);
        DocumentSchema.AssertValid("bench", output);
        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement root = document.RootElement;
        Assert.Equal("model", root.GetProperty("benchmark").GetString());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        JsonElement rows = root.GetProperty("tables")[0].GetProperty("rows");
        Assert.Equal(["Call+ReplyRecv round trips", "Signal+Wait pairs"], rows.EnumerateArray().Select(row => row.GetProperty("figure").GetString()));
        Assert.All(rows.EnumerateArray(), row => Assert.True(row.GetProperty("millionsPerSecond").GetDouble() > 0));
        Assert.Contains("Call+ReplyRecv round trips", error);
    }

    [Fact]
    public void Bench_fairness_as_json_has_a_row_per_scenario_and_strategy()
    {
        (int exitCode, string output, string error) = Cli.Run("bench", "fairness", "--seeds", "1", "--schedules-per-seed", "2", "--max-steps", "2000", "--format", "json");
        Assert.True(exitCode == 0, output + error);
        DocumentSchema.AssertValid("bench", output);
        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement table = document.RootElement.GetProperty("tables")[0];
        int rows = table.GetProperty("rows").GetArrayLength();
        Assert.Equal(Kaal.Sim.Scenarios.ScenarioCatalog.BuiltIn.Count * 4, rows);
        JsonElement first = table.GetProperty("rows")[0];
        foreach (string key in new[] { "scenario", "strategy", "schedulesPerSecondOff", "schedulesPerSecondOn", "decisionsPerScheduleOff", "decisionsPerScheduleOn",
            "buggyShareOff", "buggyShareOn", "stepLimitShareOff", "stepLimitShareOn", "seedsWithoutBugOff", "seedsWithoutBugOn" })
        {
            Assert.True(first.TryGetProperty(key, out _), key);
        }
        Assert.Equal(JsonValueKind.Number, first.GetProperty("buggyShareOn").ValueKind);
    }

    [Fact]
    public void Too_few_iterations_is_an_error_naming_the_value()
    {
        (int exitCode, _, string error) = Cli.Run("bench", "model", "--iterations", "3");
        Assert.Equal(2, exitCode);
        Assert.Contains("got 3", error);
    }
}
