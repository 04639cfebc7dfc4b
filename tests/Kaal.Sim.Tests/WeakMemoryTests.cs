using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>The SPSC channel on two cores under the ARMv8 model: the correct channel passes, the variant without
/// a release on head is caught with the stale value it read, and ARMv8 schedules replay bit for bit.</summary>
public sealed class WeakMemoryTests(ITestOutputHelper output)
{
    private static readonly SimScenario Channel = new SpscChannelScenario(staleFullCheck: false, cores: 2);
    private static readonly SimScenario MissingRelease = new SpscChannelScenario(staleFullCheck: false, cores: 2, missingRelease: true);

    [Theory]
    [InlineData("random")]
    [InlineData("pct:3")]
    [InlineData("portfolio")]
    public void The_channel_passes_on_two_cores_under_ARMv8(string strategy)
    {
        ExploreResult result = Explorer.Explore(Channel, new ExploreSettings(StrategySettings.Parse(strategy), Iterations: 300, Seed: 5, CheckInvariants: false));
        Assert.True(result.FirstBug is null, $"{result.FirstBug?.Outcome}: {result.FirstBug?.Message}\n{result.FirstBug?.Report}");
        Assert.Equal(300, result.Schedules);
        output.WriteLine($"{strategy}: {result.Schedules} schedules, {result.InfeasibleSchedules} infeasible, {result.Decisions} decisions");
    }

    /// <summary>ARMv8 runs make memory-model decisions (stale reads, promises) that SC runs of the same scenario
    /// do not: the model is in force on two cores, and off with <see cref="MemoryModel.Sc"/> or on one core.</summary>
    [Fact]
    public void Memory_model_choices_are_decisions_on_two_cores_only()
    {
        Assert.Contains(Decisions(Channel, MemoryModel.Arm), Decision.IsAlternative);
        Assert.DoesNotContain(Decisions(Channel, MemoryModel.Sc), Decision.IsAlternative);
        Assert.DoesNotContain(Decisions(new SpscChannelScenario(staleFullCheck: false), MemoryModel.Arm), Decision.IsAlternative);
    }

    [Fact]
    public void The_missing_release_is_caught_with_the_stale_value_and_replays()
    {
        ExploreResult found = Explorer.Explore(MissingRelease, new ExploreSettings(new PortfolioStrategySettings(), Iterations: 200, Seed: 1, CheckInvariants: false));
        RunResult bug = found.FirstBug ?? throw new Xunit.Sdk.XunitException("the missing release was not found in 200 schedules");
        output.WriteLine($"{bug.Message}\n{bug.Report}");
        Assert.Equal(RunOutcome.AssertionFailed, bug.Outcome);
        Assert.Matches("consumer: assertion failed: expected item [0-9]+, got [0-9]+", bug.Message);
        Assert.Contains("ARMv8 memory model: the last loads of consumer", bug.Report);
        Assert.Contains("STALE", bug.Report);
        Assert.Contains("visible early", bug.Report);
        Assert.Equal(MemoryModel.Arm, found.Trace!.MemoryModel);

        string path = Path.Combine(Path.GetTempPath(), $"kaal-weak-{Guid.NewGuid():N}.json");
        try
        {
            TraceFile.Write(path, found.Trace);
            Trace trace = TraceFile.Read(path);
            Assert.Equal(found.Trace.Decisions, trace.Decisions);
            Assert.Contains(trace.Decisions, Decision.IsAlternative);
            var simulation = new Simulation(MissingRelease, trace.SimOptions, keepStepLog: true);
            RunResult replayed = simulation.Run(new ReplayStrategy(trace.Decisions));
            Assert.Equal(bug.Outcome, replayed.Outcome);
            Assert.Equal(bug.Message, replayed.Message);
            Assert.Equal(bug.Report, replayed.Report);
            Assert.Contains(simulation.StepLog, line => line.Contains("producer promises"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_missing_release_is_correct_under_sequential_consistency()
    {
        ExploreResult result = Explorer.Explore(MissingRelease, new ExploreSettings(new PortfolioStrategySettings(), Iterations: 300, Seed: 1, CheckInvariants: false, MemoryModel: MemoryModel.Sc));
        Assert.Null(result.FirstBug);
    }

    /// <summary>Every ARMv8 schedule (promises and their certification replays included) replays to the same
    /// decisions, outcome and kernel state hashes after every step.</summary>
    [Fact]
    public void Arm_schedules_replay_bit_for_bit()
    {
        var original = new Simulation(MissingRelease, new SimOptions(CheckInvariants: false), recordStateHashes: true);
        var replay = new Simulation(MissingRelease, new SimOptions(CheckInvariants: false), recordStateHashes: true);
        var strategy = new RandomStrategy();
        int infeasible = 0, promised = 0;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            strategy.BeginSchedule(iteration, DeterministicRandom.ScheduleSeed(9, iteration));
            RunResult first = original.Run(strategy);
            ulong[] expected = original.StateHashes.ToArray();
            RunResult again = replay.Run(new ReplayStrategy(first.Decisions));
            Assert.Equal(first.Outcome, again.Outcome);
            Assert.Equal(first.Message, again.Message);
            Assert.Equal(first.Decisions, again.Decisions);
            Assert.Equal(expected, replay.StateHashes);
            if (first.Outcome == RunOutcome.Infeasible) infeasible++;
            if (first.Decisions.Contains(Decision.Alternative(ChoiceKind.Promise, 1))) promised++;
        }
        output.WriteLine($"50 schedules: {promised} with a promise, {infeasible} infeasible");
        Assert.True(promised > 0);
    }

    [Fact]
    public void Results_do_not_depend_on_the_worker_count_under_ARMv8()
    {
        var settings = new ExploreSettings(new PortfolioStrategySettings(), Iterations: 200, Seed: 3, CheckInvariants: false);
        ExploreResult one = Explorer.Explore(MissingRelease, settings);
        ExploreResult two = Explorer.Explore(MissingRelease, settings with { Workers = 2 });
        Assert.Equal(one.Trace!.Iteration, two.Trace!.Iteration);
        Assert.Equal(one.Trace.Decisions, two.Trace.Decisions);
        Assert.Equal(one.CoverageDigest, two.CoverageDigest);
    }

    /// <summary>A barrier is a scheduling point of its own; under SC it orders nothing more than SC already does.</summary>
    [Fact]
    public void A_barrier_is_a_scheduling_point()
    {
        var simulation = new Simulation(new BarrierScenario(), new SimOptions(), keepStepLog: true);
        var strategy = new RandomStrategy();
        strategy.BeginSchedule(0, 1);
        RunResult result = simulation.Run(strategy);
        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.Contains(simulation.StepLog, line => line.Contains("writer barrier (Stores)"));
    }

    private static uint[] Decisions(SimScenario scenario, MemoryModel model)
    {
        var simulation = new Simulation(scenario, new SimOptions(CheckInvariants: false, MemoryModel: model));
        var strategy = new RandomStrategy();
        return Enumerable.Range(0, 20).SelectMany(iteration =>
        {
            strategy.BeginSchedule(iteration, DeterministicRandom.ScheduleSeed(2, iteration));
            return simulation.Run(strategy).Decisions;
        }).ToArray();
    }

    private sealed class BarrierScenario : SimScenario
    {
        public override string Name => "barrier";

        public override string Description => "a writer with a store barrier";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            WorldComponent writer = world.AddComponent("writer", 10, 0, async sys =>
            {
                await sys.Store(0x10_0000, 1);
                await sys.Barrier(BarrierKind.Stores);
                await sys.Store(0x10_0008, 1);
            });
            world.Map(writer, frame, 0x10_0000, VmRights.Read | VmRights.Write);
        }
    }
}
