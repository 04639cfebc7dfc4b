using System.Collections.Generic;
using System.Linq;
using Kaal.Sim.Runtime;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>The sel4test-style test components, run as a system of their own under system_init.</summary>
public sealed class TestComponentTests
{
    private static string Manifest => System.IO.File.ReadAllText(System.IO.Path.Combine(SystemRun.RepositoryRoot(), "manifests", "test-components.toml"));


    [Theory]
    [InlineData("test_cap", 3)]
    [InlineData("test_memory", 3)]
    [InlineData("test_channel_stress", 2)]
    public void Each_test_component_reports_every_test_passed(string component, int tests)
    {
        (RunResult result, List<string> lines, _) = SystemRun.Run(SystemRun.Scenario(Manifest), 3);
        string why = SystemRun.Describe(result, lines);
        // test_fault faults on purpose and is given up on, so system_init shuts down with exit code 1: the manifest's exit_code.
        Assert.True(result.Outcome == RunOutcome.Passed, why);
        List<string> own = SystemRun.LinesOf(lines, component);
        Assert.Equal(tests, own.Count(line => line.StartsWith("Starting test ")));
        Assert.Equal(tests, own.Count(line => line.StartsWith("Test ") && line.EndsWith(" passed")));
        Assert.Contains($"Test suite passed. {tests} tests passed. 0 tests disabled.", own);
    }

    [Fact]
    public void The_component_that_faults_on_purpose_is_restarted_per_its_policy_and_nothing_else_is_disturbed()
    {
        (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(SystemRun.Scenario(Manifest), 4);
        string why = SystemRun.Describe(result, lines);
        Assert.True(result.Outcome == RunOutcome.Passed && simulation.ShutDown, why);
        List<string> init = SystemRun.LinesOf(lines, "system_init");
        Assert.Equal(2, init.Count(line => line.StartsWith("faulted test_fault: VmFault")));
        Assert.Contains("restarting test_fault (restart 1 of 1, backoff 0 ms)", init);
        Assert.Contains("gave up on test_fault after 1 restarts", init);
        Assert.Equal(new[] { "about to fault (instance 0)", "about to fault (instance 1)" }, SystemRun.LinesOf(lines, "test_fault"));
        Assert.Equal(1UL, simulation.ExitCode);
        Assert.Equal(3, lines.Count(line => line.EndsWith("0 tests disabled.")));
    }

    /// <summary>exit_code is the expected end, not a wildcard: the test components' system without it fails with exit
    /// code 1, and the default system told to expect 1 fails when it shuts down with 0.</summary>
    [Fact]
    public void A_shutdown_with_another_exit_code_than_the_manifest_expects_fails_the_run()
    {
        string unexpected = SystemRun.Edit(Manifest, "exit_code = 1\n", "");
        (RunResult failed, List<string> lines, _) = SystemRun.Run(SystemRun.Scenario(unexpected), 3);
        Assert.True(failed.Outcome == RunOutcome.SystemFailed, SystemRun.Describe(failed, lines));
        Assert.Equal("the system shut down with exit code 1", failed.Message);

        string expectsOne = SystemRun.Edit(SystemRun.RepositoryManifestText, "memory = \"128M\"", "memory = \"128M\"\nexit_code = 1");
        (RunResult zero, lines, _) = SystemRun.Run(SystemRun.Scenario(expectsOne), 3);
        Assert.True(zero.Outcome == RunOutcome.SystemFailed, SystemRun.Describe(zero, lines));
        Assert.Equal("the system shut down with exit code 0 (its manifest expects 1)", zero.Message);
    }
}
