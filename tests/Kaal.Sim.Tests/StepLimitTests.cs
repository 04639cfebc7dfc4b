using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Exploration;
using Kaal.Sim.Strategies;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>Schedules that never end are counted and reported, never passed in silence; a scenario can make them a
/// bug; the default fair phase keeps a strategy from starving a thread into the step limit.</summary>
public sealed class StepLimitTests
{
    [Fact]
    public void A_thread_that_spins_for_ever_is_reported_not_passed()
    {
        ExploreResult result = Explorer.Explore(new Spinning(endlessIsBug: false), new ExploreSettings(new PctStrategySettings(3), Iterations: 20, MaxSteps: 400, CheckInvariants: false));
        Assert.Null(result.FirstBug);
        Assert.Equal(20, result.Schedules);
        Assert.Equal(20, result.StepLimitSchedules);
        ExploreResult dfs = Explorer.Explore(new Spinning(endlessIsBug: false), new ExploreSettings(new DfsStrategySettings(), Iterations: 5, MaxSteps: 400, CheckInvariants: false));
        Assert.False(dfs.Exhausted);
        Assert.Contains("5 schedules stopped at 400 steps", dfs.Coverage);
    }

    [Fact]
    public void ScenarioAssert_does_not_pass_a_scenario_whose_schedules_reach_the_step_limit()
    {
        var error = Assert.Throws<ScenarioNotCheckedException>(() => ScenarioAssert.NoBugs(new Spinning(endlessIsBug: false),
            new ExploreSettings(new PctStrategySettings(3), Iterations: 10, MaxSteps: 400, CheckInvariants: false)));
        Assert.Equal(10, error.StepLimitSchedules);
        Assert.StartsWith(Verdict.Prefix + "not passed: 10 of 10 schedules of spinning reached the step limit (400)", error.Message);
        Assert.Contains("AddDaemon", error.Message);
    }

    [Fact]
    public void A_scenario_that_declares_endless_runs_a_bug_gets_one_with_what_each_component_was_doing()
    {
        ExploreResult result = Explorer.Explore(new Spinning(endlessIsBug: true), new ExploreSettings(new RandomStrategySettings(), Iterations: 5, MaxSteps: 400, CheckInvariants: false));
        Assert.Equal(RunOutcome.LivenessViolation, result.FirstBug!.Outcome);
        Assert.Contains("did not end within 400 steps", result.FirstBug.Message);
        Assert.Contains("spinner: Running", result.FirstBug.Report);
    }

    /// <summary>Delay-bounding without delays never preempts, so the spinner (which runs first) keeps its setter
    /// off the CPU and every schedule reaches the step limit; with the default fair phase none does.</summary>
    [Fact]
    public void The_default_fair_phase_lets_the_thread_a_spinner_waits_for_run()
    {
        var unfair = new ExploreSettings(new DelayBoundingStrategySettings(0), Iterations: 40, MaxSteps: 2_000, CheckInvariants: false, Fair: false);
        Assert.Equal(40, Explorer.Explore(new WaitsForSetter(), unfair).StepLimitSchedules);
        ExploreResult fair = Explorer.Explore(new WaitsForSetter(), unfair with { Fair = true });
        Assert.Equal(0, fair.StepLimitSchedules);
        Assert.Null(fair.FirstBug);
        Assert.Equal("delay-bounding:0", unfair.RunStrategy.Spec);
        Assert.Equal("fair:200:delay-bounding:0", (unfair with { Fair = true }).RunStrategy.Spec);
        Assert.Equal("random", (unfair with { Strategy = new RandomStrategySettings(), Fair = true }).RunStrategy.Spec);
    }

    private const ulong Base = 0x10_0000;

    /// <summary>A spinner loads a flag nobody ever sets.</summary>
    private sealed class Spinning(bool endlessIsBug) : SimScenario
    {
        public override string Name => "spinning";

        public override string Description => "a thread waiting in a load loop for a flag nobody sets";

        public override bool EndlessRunIsBug => endlessIsBug;

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            world.Map(world.AddComponent("spinner", 100, 0, async sys =>
            {
                while ((await sys.Load(Base)).X1 == 0)
                {
                }
            }), frame, Base, VmRights.Read | VmRights.Write);
            world.Map(world.AddComponent("other", 100, 0, async sys => await sys.Store(Base + 8, 1)), frame, Base, VmRights.Read | VmRights.Write);
        }
    }

    /// <summary>A spinner waits for a flag that a setter of the same priority stores.</summary>
    private sealed class WaitsForSetter : SimScenario
    {
        public override string Name => "waits-for-setter";

        public override string Description => "a load loop waiting for another component's store";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            world.Map(world.AddComponent("spinner", 100, 0, async sys =>
            {
                while ((await sys.Load(Base, MemoryOrder.Acquire)).X1 == 0)
                {
                }
            }), frame, Base, VmRights.Read | VmRights.Write);
            world.Map(world.AddComponent("setter", 100, 0, async sys => await sys.Store(Base, 1, MemoryOrder.Release)), frame, Base, VmRights.Read | VmRights.Write);
        }
    }
}
