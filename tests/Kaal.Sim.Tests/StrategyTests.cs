using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

public sealed class StrategyTests(ITestOutputHelper output)
{
    private const ulong Seed = 20_260_101;

    [Theory]
    [InlineData("random")]
    [InlineData("pct:3")]
    [InlineData("pct:10")]
    [InlineData("delay-bounding:3")]
    [InlineData("probabilistic:3")]
    [InlineData("portfolio")]
    [InlineData("fair:40:pct:3")]
    public void Same_seed_same_choices(string spec)
    {
        // Fresh instances: an adaptive strategy's schedule i also depends on its schedules 0..i-1.
        List<RunResult> first = Run(new SpscChannelScenario(staleFullCheck: false), StrategyFactory.Create(spec), 4, Seed);
        List<RunResult> second = Run(new SpscChannelScenario(staleFullCheck: false), StrategyFactory.Create(spec), 4, Seed);
        for (int iteration = 0; iteration < first.Count; iteration++)
        {
            Assert.Equal(first[iteration].Decisions, second[iteration].Decisions);
        }
        List<RunResult> otherSeed = Run(new SpscChannelScenario(staleFullCheck: false), StrategyFactory.Create(spec), 4, Seed + 1);
        Assert.Contains(Enumerable.Range(0, 4), i => !first[i].Decisions.SequenceEqual(otherSeed[i].Decisions));
    }

    [Fact]
    public void Dfs_is_deterministic()
    {
        var first = new DfsStrategy();
        var second = new DfsStrategy();
        List<RunResult> a = RunAll(new SharedFrameScenario(plantedBug: true), first);
        List<RunResult> b = RunAll(new SharedFrameScenario(plantedBug: true), second);
        Assert.Equal(a.Select(r => string.Join(",", r.Decisions)), b.Select(r => string.Join(",", r.Decisions)));
    }

    [Theory]
    [InlineData("pct:3", 30)]
    [InlineData("probabilistic:3", 30)]
    [InlineData("portfolio", 30)]
    public void Finds_the_stale_full_deadlock(string spec, int maxSchedules)
    {
        List<RunResult> results = Run(new SpscChannelScenario(staleFullCheck: true), StrategyFactory.Create(spec), maxSchedules, Seed, stopAtBug: true);
        RunResult last = results[^1];
        output.WriteLine($"{spec}: first bug after {results.Count} schedules: {last.Outcome}\n{last.Report}");
        Assert.Equal(RunOutcome.Deadlock, last.Outcome);
        Assert.Contains("producer: BlockedOnNotification", last.Report);
    }

    [Theory]
    [InlineData("pct:3", 12)]
    [InlineData("portfolio", 12)]
    public void Correct_channel_never_reports_a_bug(string spec, int schedules)
    {
        foreach (RunResult result in Run(new SpscChannelScenario(staleFullCheck: false), StrategyFactory.Create(spec), schedules, Seed))
        {
            Assert.True(result.Outcome == RunOutcome.Passed, $"{result.Outcome}: {result.Message}\n{result.Report}");
        }
    }

    /// <summary>
    /// SharedFrameScenario: the writer (started by the kernel at boot, so its first decision is its first
    /// store) makes 3 steps: store scratch, store flag, store data. The reader makes 3: its start (running its
    /// code up to its first await, a decision only while the writer still has a step left: if the writer
    /// finishes first the kernel switches to the reader and starts it without asking), load flag, load data.
    /// Every interleaving of the two 3-step sequences is one distinct complete decision sequence, and the
    /// assertion at the reader's last step cuts no branching (only the writer's single-option steps remain),
    /// so the tree has C(6, 3) = 20 leaves. With the planted bug (flag stored before data) the reader fails
    /// when it loads flag after the writer's flag store and data before the data store: order
    /// W1 W2 R1 R2 W3 (W1 scratch, W2 flag, W3 data, R1/R2 the loads) with the reader's start in one of the
    /// 3 gaps before R1, so 3 of the 20 schedules fail.
    /// </summary>
    [Fact]
    public void Dfs_explores_the_whole_tree()
    {
        var observed = new HashSet<(ulong Flag, ulong Data)>();
        var dfs = new DfsStrategy(reduction: false);
        List<RunResult> results = RunAll(new SharedFrameScenario(plantedBug: true, observed), dfs);
        Assert.True(dfs.Exhausted);
        Assert.False(dfs.HitDepthBound);
        Assert.Equal(20, dfs.SchedulesExplored);
        Assert.Equal(20, results.Count);
        Assert.Equal(20, results.Select(r => string.Join(",", r.Decisions)).Distinct().Count());
        Assert.Equal(3, results.Count(r => r.Outcome == RunOutcome.AssertionFailed));
        Assert.Equal(17, results.Count(r => r.Outcome == RunOutcome.Passed));
        Assert.Equal(4, observed.Count);
        Assert.False(dfs.BeginSchedule(20, 0));
    }

    /// <summary>
    /// Only two pairs of steps conflict: flag store/load and data store/load (the scratch store and the
    /// reader's start commute with everything here). The four orders of those two pairs are all feasible, so
    /// there are 4 Mazurkiewicz traces, and sleep sets run exactly one complete schedule per trace; the others
    /// they start are cut short as repeats (sleep-blocked). They observe the same 4 (flag, data) pairs as the
    /// full search and still find the planted bug.
    /// </summary>
    [Fact]
    public void Dfs_with_sleep_sets_explores_fewer_schedules_and_finds_the_order_bug()
    {
        var full = new HashSet<(ulong Flag, ulong Data)>();
        RunAll(new SharedFrameScenario(plantedBug: true, full), new DfsStrategy(reduction: false));
        var reducedSeen = new HashSet<(ulong Flag, ulong Data)>();
        var dfs = new DfsStrategy();
        List<RunResult> results = RunAll(new SharedFrameScenario(plantedBug: true, reducedSeen), dfs);
        output.WriteLine($"reduced: {dfs.SchedulesExplored} schedules, {dfs.SleepBlockedSchedules} sleep-blocked");
        Assert.True(dfs.Exhausted);
        Assert.True(dfs.SchedulesExplored < 20);
        Assert.Equal(4, dfs.SchedulesExplored - dfs.SleepBlockedSchedules);
        Assert.Contains(results, r => r.Outcome == RunOutcome.AssertionFailed);
        Assert.Equal(full.OrderBy(p => p), reducedSeen.OrderBy(p => p));
    }

    [Fact]
    public void Dfs_passes_the_correct_order_both_ways()
    {
        var full = new DfsStrategy(reduction: false);
        Assert.All(RunAll(new SharedFrameScenario(plantedBug: false), full), r => Assert.Equal(RunOutcome.Passed, r.Outcome));
        Assert.Equal(20, full.SchedulesExplored);
        var reduced = new DfsStrategy();
        Assert.All(RunAll(new SharedFrameScenario(plantedBug: false), reduced), r => Assert.Equal(RunOutcome.Passed, r.Outcome));
        Assert.True(reduced.Exhausted);
    }

    /// <summary>Depth 2: two options at decision 0 (writer's store or reader's start) and two at decision 1
    /// (both threads still have steps), nothing branched after: 2 x 2 = 4 schedules.</summary>
    [Fact]
    public void Dfs_depth_bound_is_reported()
    {
        var dfs = new DfsStrategy(maxDepth: 2, reduction: false);
        RunAll(new SharedFrameScenario(plantedBug: false), dfs);
        Assert.True(dfs.Exhausted);
        Assert.True(dfs.HitDepthBound);
        Assert.Equal(4, dfs.SchedulesExplored);
    }

    [Fact]
    public void Fair_phase_lets_a_starved_thread_run()
    {
        // delay-bounding:0 always runs the running thread: the spinner never lets the setter run.
        var simulation = new Simulation(new SpinScenario(), new SimOptions(MaxSteps: 300));
        var unfair = new DelayBoundingStrategy(0);
        unfair.BeginSchedule(0, Seed);
        Assert.Equal(RunOutcome.StepLimit, simulation.Run(unfair).Outcome);
        var fair = new FairStrategy(new DelayBoundingStrategy(0), fairAfterSteps: 100);
        fair.BeginSchedule(0, Seed);
        RunResult result = simulation.Run(fair);
        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.InRange(result.Steps, 100, 110);
    }

    [Fact]
    public void Pct_demotes_at_its_change_points()
    {
        var pct = new PctStrategy(depth: 4, lengthEstimateSteps: 10);
        pct.BeginSchedule(0, Seed);
        Assert.Equal(3, pct.ChangePoints.Count);
        Assert.Equal(pct.ChangePoints.Distinct().Count(), pct.ChangePoints.Count);
        Assert.All(pct.ChangePoints, point => Assert.InRange(point, 0, 9));
        uint[] threads = [3, 5, 7];
        int previous = -1;
        for (int step = 0; step < 10; step++)
        {
            int choice = pct.Choose(threads, previous, step);
            if (step > 0 && !pct.ChangePoints.Contains(step)) Assert.Equal(previous, choice);
            if (pct.ChangePoints.Contains(step)) Assert.NotEqual(previous, choice);
            previous = choice;
        }
    }

    [Fact]
    public void Portfolio_names_its_current_member()
    {
        var portfolio = new PortfolioStrategy();
        var names = new List<string>();
        for (int iteration = 0; iteration < 5; iteration++)
        {
            portfolio.BeginSchedule(iteration, Seed);
            names.Add(portfolio.Name);
        }
        Assert.Equal(["random", "probabilistic:3", "pct:10", "delay-bounding:10", "random"], names);
    }

    [Theory]
    [InlineData("random", "random")]
    [InlineData("pct", "pct:3")]
    [InlineData("pct:5", "pct:5")]
    [InlineData("pct:3:250", "pct:3:250")]
    [InlineData("delay-bounding", "delay-bounding:3")]
    [InlineData("delay-bounding:2", "delay-bounding:2")]
    [InlineData("dfs", "dfs:1000")]
    [InlineData("dfs:200", "dfs:200")]
    [InlineData("dfs:200:no-reduction", "dfs:200:no-reduction")]
    [InlineData("fair:10000:pct:3", "fair:10000:pct:3")]
    [InlineData("dfs:50:preemptions=2", "dfs:50:preemptions=2")]
    [InlineData("fair:500:dfs:50:preemptions=1", "fair:500:dfs:50:preemptions=1")]
    [InlineData(" PCT:4 ", "pct:4")]
    [InlineData("probabilistic", "probabilistic:3")]
    [InlineData("probabilistic:5", "probabilistic:5")]
    public void Factory_parses_specs_and_names_round_trip(string spec, string name)
    {
        IStrategy strategy = StrategyFactory.Create(spec);
        Assert.Equal(name, strategy.Name);
        Assert.Equal(name, StrategyFactory.Create(strategy.Name).Name);
    }

    [Fact]
    public void Factory_makes_a_portfolio()
    {
        Assert.IsType<PortfolioStrategy>(StrategyFactory.Create("portfolio"));
    }

    [Theory]
    [InlineData("bogus", "'bogus'")]
    [InlineData("", "''")]
    [InlineData("pct:x", "'x'")]
    [InlineData("pct:0", "'0'")]
    [InlineData("pct:-1", "'-1'")]
    [InlineData("delay-bounding:two", "'two'")]
    [InlineData("dfs:0", "'0'")]
    [InlineData("dfs:10:fast", "'fast'")]
    [InlineData("random:3", "'3'")]
    [InlineData("portfolio:2", "'2'")]
    [InlineData("probabilistic:0", "'0' is not a whole number from 1 to 62")]
    [InlineData("probabilistic:63", "'63'")]
    [InlineData("probabilistic:3:1", "'1'")]
    [InlineData("fair:10", "fair needs")]
    [InlineData("fair:x:random", "'x'")]
    [InlineData("fair:10:fair:10:random", "'fair:10:random'")]
    [InlineData("dfs:10:preemptions=x", "'x'")]
    [InlineData("fair:10:nope", "'nope'")]
    public void Factory_errors_name_the_bad_value_and_list_valid_ones(string spec, string named)
    {
        var error = Assert.Throws<StrategySpecException>(() => StrategyFactory.Create(spec));
        Assert.Contains(named, error.Message);
        Assert.Contains(StrategyFactory.Valid, error.Message);
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    [Fact]
    public void Footprints_commute_only_without_a_conflict()
    {
        Footprint read1 = new(FootprintKind.Read, 0x100, 1), read1Again = new(FootprintKind.Read, 0x100, 2);
        Footprint write1 = new(FootprintKind.Write, 0x100, 1), write2 = new(FootprintKind.Write, 0x108, 1);
        Footprint local = new(FootprintKind.Local, 0, 0), syscall = new(FootprintKind.Global, 0, 3);
        Assert.True(Footprint.Independent(read1, read1Again));
        Assert.False(Footprint.Independent(read1, write1));
        Assert.False(Footprint.Independent(write1, write1));
        Assert.True(Footprint.Independent(write1, write2));
        Assert.True(Footprint.Independent(local, write1));
        Assert.False(Footprint.Independent(local, syscall));
        Assert.False(Footprint.Independent(syscall, read1));
    }

    private static List<RunResult> Run(SimScenario scenario, IStrategy strategy, int iterations, ulong seed, bool stopAtBug = false)
    {
        var simulation = new Simulation(scenario, new SimOptions());
        var results = new List<RunResult>();
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            Assert.True(strategy.BeginSchedule(iteration, DeterministicRandom.ScheduleSeed(seed, iteration)));
            RunResult result = simulation.Run(strategy);
            results.Add(result);
            if (stopAtBug && result.IsBug) break;
        }
        return results;
    }

    private static List<RunResult> RunAll(SimScenario scenario, DfsStrategy dfs)
    {
        var simulation = new Simulation(scenario, new SimOptions());
        var results = new List<RunResult>();
        for (int iteration = 0; dfs.BeginSchedule(iteration, 0); iteration++)
        {
            Assert.True(iteration < 1000, "DFS did not finish");
            results.Add(simulation.Run(dfs));
        }
        return results;
    }

    /// <summary>A writer publishes data behind a flag to a reader over one shared frame (mapped at different
    /// addresses in the two address spaces); the planted bug stores the flag before the data.</summary>
    private sealed class SharedFrameScenario(bool plantedBug, HashSet<(ulong Flag, ulong Data)>? observed = null) : SimScenario
    {
        private const ulong WriterBase = 0x10_0000;
        private const ulong ReaderBase = 0x30_0000;
        private const ulong Scratch = 0, Flag = 8, Data = 16;

        public override string Name => plantedBug ? "shared-frame-flag-first" : "shared-frame";

        public override string Description => "writer publishes data behind a flag; reader checks flag implies data";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            WorldComponent writer = world.AddComponent("writer", 100, 0, Write);
            WorldComponent reader = world.AddComponent("reader", 100, 0, Read);
            world.Map(writer, frame, WriterBase, VmRights.Read | VmRights.Write);
            world.Map(reader, frame, ReaderBase, VmRights.Read | VmRights.Write);
        }

        private async Task Write(Sys sys)
        {
            await sys.Store(WriterBase + Scratch, 7);
            if (plantedBug)
            {
                await sys.Store(WriterBase + Flag, 1);
                await sys.Store(WriterBase + Data, 42);
            }
            else
            {
                await sys.Store(WriterBase + Data, 42);
                await sys.Store(WriterBase + Flag, 1, MemoryOrder.Release);
            }
        }

        private async Task Read(Sys sys)
        {
            ulong flag = (await sys.Load(ReaderBase + Flag, MemoryOrder.Acquire)).X1;
            ulong data = (await sys.Load(ReaderBase + Data)).X1;
            observed?.Add((flag, data));
            sys.Assert(flag == 0 || data == 42, $"flag set but data is {data}");
        }
    }

    /// <summary>A spinner waits in a load loop for a flag that a setter stores: finishes only if the setter
    /// gets to run (a liveness property, not a safety one).</summary>
    private sealed class SpinScenario : SimScenario
    {
        private const ulong SpinnerBase = 0x10_0000;
        private const ulong SetterBase = 0x30_0000;

        public override string Name => "spin";

        public override string Description => "a load loop waiting for another component's store";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            WorldComponent spinner = world.AddComponent("spinner", 100, 0, async sys =>
            {
                while ((await sys.Load(SpinnerBase, MemoryOrder.Acquire)).X1 == 0)
                {
                }
            });
            WorldComponent setter = world.AddComponent("setter", 100, 0, async sys => await sys.Store(SetterBase, 1, MemoryOrder.Release));
            world.Map(spinner, frame, SpinnerBase, VmRights.Read | VmRights.Write);
            world.Map(setter, frame, SetterBase, VmRights.Read | VmRights.Write);
        }
    }
}
