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

    [Fact]
    public void Too_few_iterations_is_an_error_naming_the_value()
    {
        (int exitCode, _, string error) = Cli.Run("bench", "model", "--iterations", "3");
        Assert.Equal(2, exitCode);
        Assert.Contains("got 3", error);
    }
}
