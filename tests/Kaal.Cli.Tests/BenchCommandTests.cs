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
        Assert.Contains("Call+ReplyRecv round trips:", output);
        Assert.Contains("Signal+Wait pairs:", output);
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
        foreach (string system in new[] { "default", "test-components" })
        {
            foreach (string checks in new[] { "none", "invariants" })
            {
                for (int workers = 1; workers <= 2; workers++)
                {
                    Assert.Matches($@"(?m)^  {system} +{checks} +{workers} +[\d,]+ +[\d,]+ +[\d.]+x +[\d,]+ +[\d.]+x$", output);
                }
            }
        }
        Assert.Matches(@"(?m)^  default +swarm faults +1 ", output);
    }

    [Fact]
    public void Too_few_iterations_is_an_error_naming_the_value()
    {
        (int exitCode, _, string error) = Cli.Run("bench", "model", "--iterations", "3");
        Assert.Equal(2, exitCode);
        Assert.Contains("got 3", error);
    }
}
