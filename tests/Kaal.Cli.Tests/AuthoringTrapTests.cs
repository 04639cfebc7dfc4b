using System.IO;
using System.Linq;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>
/// Each authoring trap of issue 24 gives a clear message naming the component or field and what to do, with exit 2
/// for a scenario the explorer cannot run faithfully (0 passed, 1 bug found); parameterised scenarios, daemons and the
/// set-up operations (revoke, fault endpoint, memory contents) work from the command line.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AuthoringTrapTests
{
    private static readonly string Assembly = typeof(AuthoringScenarios).Assembly.Location;

    private static (int ExitCode, string Output, string Error) Explore(string scenario, params string[] more) =>
        Cli.Run([.. new[] { "explore", scenario, "--assembly", Assembly, "--no-invariants" }, .. more, .. System.Array.IndexOf(more, "--iterations") < 0 ? new[] { "--iterations", "30" } : []]);

    [Fact]
    public void An_await_that_is_not_a_sys_operation_names_the_component_and_the_fix()
    {
        (int code, _, string error) = Explore("authoring-task-yield");
        Assert.Equal(2, code);
        Assert.Contains("component 'yielder' awaited something that is not a Sys operation (Task.Yield, Task.Delay", error);
        Assert.Contains("await sys.Yield()", error);
    }

    [Fact]
    public void A_component_exception_keeps_its_type_and_stack()
    {
        (int code, string output, _) = Explore("authoring-throws", "--out", Path.Combine(Path.GetTempPath(), "kaal-authoring-throws.json"));
        Assert.Equal(1, code);
        Assert.Contains("ComponentFaulted: thrower threw System.InvalidOperationException: the table is empty", output);
        Assert.Contains("at Kaal.Cli.Tests.AuthoringScenarios.Throws.Explode()", output);
    }

    [Theory]
    [InlineData("authoring-leaks-a-field", "field '_runs' of the scenario object (LeaksAField) changed from 0 to 1 during schedule 0")]
    [InlineData("authoring-leaks-a-capture", "field 'started' of the variables component 'starter' captures changed from False to True during schedule 0")]
    public void State_that_leaks_from_one_schedule_to_the_next_is_named(string scenario, string message)
    {
        (int code, _, string error) = Explore(scenario);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Contains("Keep a run's state in local variables inside the component's code", error);
    }

    [Fact]
    public void A_set_up_that_fails_exits_2_with_the_syscall_and_its_error()
    {
        (int code, string output, string error) = Explore("authoring-bad-set-up");
        Assert.Equal(2, code);
        Assert.Contains("error: scenario authoring-bad-set-up: set-up syscall MemoryMapInto failed", error);
        Assert.DoesNotContain("   at ", error + output);
    }

    [Fact]
    public void A_scenario_class_that_needs_parameters_says_which_and_takes_them_on_the_command_line()
    {
        (int missing, _, string why) = Explore("Sized");
        Assert.Equal(2, missing);
        Assert.Contains("Sized(Int32 capacity, Boolean skipLast) has no parameterless constructor: give --param capacity=<Int32>", why);
        Assert.Equal(0, Explore("authoring-sized-6", "--param", "capacity=6").ExitCode);
        string trace = Path.Combine(Path.GetTempPath(), "kaal-authoring-sized.json");
        (int buggy, string output, _) = Explore("Sized", "--param", "capacity=5", "--param", "skipLast=true", "--out", trace);
        Assert.Equal(1, buggy);
        Assert.Contains("slot 4 of 5 is empty", output);
        (int replayed, string replay, _) = Cli.Run("replay", trace, "--assembly", Assembly);
        Assert.Equal(1, replayed);
        Assert.Contains("slot 4 of 5 is empty", replay);
        (int bad, _, string badValue) = Explore("Sized", "--param", "capacity=many");
        Assert.Equal(2, bad);
        Assert.Contains("--param capacity=many: not a Int32", badValue);
    }

    [Fact]
    public void A_daemon_server_passes_where_an_ordinary_one_is_a_deadlock()
    {
        (int code, string output, _) = Explore("authoring-daemon-server", "--strategy", "portfolio");
        Assert.Equal(0, code);
        Assert.Contains("no bug found", output);
        (int notDaemon, string deadlock, _) = Explore("authoring-server-not-daemon", "--param", "daemon=false", "--out", Path.Combine(Path.GetTempPath(), "kaal-authoring-server.json"));
        Assert.Equal(1, notDaemon);
        Assert.Contains("Deadlock", deadlock);
    }

    [Fact]
    public void A_scenario_revokes_and_gets_crash_faults_through_its_fault_endpoint()
    {
        (int code, string output, string error) = Explore("authoring-supervised", "--faults", "crash:2", "--strategy", "random");
        Assert.True(code == 0, output + error);
        Assert.Contains("faults that apply: crash", output);
        var simulation = new Simulation(new AuthoringScenarios.Supervised(), new SimOptions(CheckInvariants: false, Faults: FaultSettings.Parse("crash:2")));
        int crashed = 0;
        for (int iteration = 0; iteration < 30; iteration++)
        {
            var strategy = new RandomStrategy();
            strategy.BeginSchedule(iteration, (ulong)iteration);
            RunResult result = simulation.Run(strategy, (ulong)iteration);
            Assert.True(result.Outcome == RunOutcome.Passed, $"{result.Outcome}: {result.Message}");
            if (result.Decisions.Any(d => Decision.IsAlternative(d) && Decision.KindOf(d) == ChoiceKind.Crash && Decision.IndexOf(d) == 1)) crashed++;
        }
        Assert.True(crashed > 0, "no schedule crashed the worker");
        (int refused, _, string why) = Explore("authoring-daemon-server", "--faults", "crash:2");
        Assert.Equal(2, refused);
        Assert.Contains("no fault kind it injects applies to scenario authoring-daemon-server", why);
    }

    [Fact]
    public void A_spinning_component_is_reported_not_passed()
    {
        (int code, string output, _) = Explore("authoring-spins", "--iterations", "5", "--max-steps", "300");
        Assert.Equal(2, code);
        Assert.Contains("step limit: 5 of 5 schedules reached --max-steps 300 without an end", output);
        Assert.Contains("NOT PASSED", output);
        Assert.DoesNotContain("no bug found", output);
    }
}
