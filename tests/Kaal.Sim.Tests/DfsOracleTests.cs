using System.Collections.Generic;
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

/// <summary>
/// Every claim a DFS makes, checked against the brute-force oracle (<see cref="DfsOracle"/>) on small scenarios with
/// known bugs: what it says it covered holds (every oracle schedule inside the bounds ends in an outcome the search
/// saw; without reduction, the search ran that very schedule), and it says "exhausted" (nothing cut) only when no
/// oracle schedule lies outside its bounds.
/// </summary>
public sealed class DfsOracleTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        string[] specs = ["dfs", "dfs:1000:no-reduction", "dfs:1000:preemptions=0", "dfs:1000:preemptions=1", "dfs:1000:preemptions=2", "dfs:1000:preemptions=3",
            "dfs:4", "dfs:6:preemptions=1", "dfs:3:no-reduction", "fair:3:dfs", "fair:4:dfs:1000:preemptions=1"];
        foreach (string scenario in new[] { "lost-update", "three-preemptions", "lost-wakeup", "late-flag" })
        {
            foreach (string spec in specs) data.Add(scenario, spec);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_dfs_claim_holds_against_the_brute_force_oracle(string scenarioName, string spec)
    {
        SimScenario scenario = Small(scenarioName);
        List<DfsOracle.Schedule> oracle = DfsOracle.Enumerate(scenario);
        IStrategy strategy = StrategyFactory.Create(spec);
        var simulation = new Simulation(scenario, new SimOptions(CheckInvariants: false));
        var outcomes = new HashSet<string>();
        var sequences = new HashSet<string>();
        for (int iteration = 0; strategy.BeginSchedule(iteration, 0); iteration++)
        {
            Assert.True(iteration < 100_000, "the search did not finish");
            RunResult result = simulation.Run(strategy);
            outcomes.Add($"{result.Outcome}: {result.Message}");
            sequences.Add(string.Join(",", result.Decisions));
        }
        CoverageClaim claim = ((ICoverageClaiming)strategy).Coverage!;
        DfsStrategy dfs = strategy as DfsStrategy ?? (DfsStrategy)((FairStrategy)strategy).Inner;
        string statement = claim.Statement(dfs.SchedulesExplored, 0, 10_000);
        output.WriteLine($"{scenarioName} {spec}: oracle {oracle.Count} schedules ({oracle.Count(s => s.IsBug)} buggy, min preemptions to a bug " +
            $"{oracle.Where(s => s.IsBug).Select(s => s.Preemptions).DefaultIfEmpty(-1).Min()}); search: {statement}");
        Assert.True(claim.SearchDone);

        List<DfsOracle.Schedule> inside = oracle.Where(s => s.Within(claim.PreemptionBound, claim.MaxDepth, claim.FairAfterSteps)).ToList();
        foreach (DfsOracle.Schedule schedule in inside)
        {
            Assert.True(outcomes.Contains(schedule.Outcome), $"claimed '{statement}' but never saw '{schedule.Outcome}' of [{string.Join(",", schedule.Decisions)}]");
            if (!dfs.Reduction) Assert.Contains(string.Join(",", schedule.Decisions), sequences);
        }
        bool anythingOutside = inside.Count < oracle.Count;
        Assert.True(anythingOutside == !claim.NothingCut, $"'{statement}' but {oracle.Count - inside.Count} of {oracle.Count} oracle schedules lie outside the bounds");
        Assert.Equal(claim.NothingCut, statement.Contains("exhausted") && !statement.Contains("not exhausted"));
        if (claim.NothingCut) Assert.Equal(oracle.Select(s => s.Outcome).ToHashSet().Order(), outcomes.Order());

        ExploreResult explored = Explorer.Explore(scenario, new ExploreSettings(StrategySettings.Parse(spec), Iterations: 100_000, CheckInvariants: false, Fair: false));
        if (inside.Any(s => s.IsBug)) Assert.NotNull(explored.FirstBug);
        if (explored.FirstBug is RunResult bug) Assert.Contains($"{bug.Outcome}: {bug.Message}", oracle.Select(s => s.Outcome));
        else Assert.Equal(claim.NothingCut, explored.Exhausted);
    }

    /// <summary>The bounds do what the statement says: the bug that needs three preemptions (writer, reader, writer,
    /// reader) is out of reach of two and found with three, and the search with two says exactly that it covered the
    /// schedules with at most 2 preemptions.</summary>
    [Fact]
    public void A_preemption_bound_reports_what_it_covered_and_a_higher_one_finds_the_deeper_bug()
    {
        List<DfsOracle.Schedule> oracle = DfsOracle.Enumerate(Small("three-preemptions"));
        Assert.Equal(3, oracle.Where(s => s.IsBug).Min(s => s.Preemptions));
        ExploreResult two = Explorer.Explore(Small("three-preemptions"), new ExploreSettings(new DfsStrategySettings(1000, PreemptionBound: 2), Iterations: 10_000, CheckInvariants: false, Fair: false));
        Assert.Null(two.FirstBug);
        Assert.False(two.Exhausted);
        Assert.StartsWith("covered all schedules with at most 2 preemptions", two.Coverage);
        Assert.Contains("not exhausted: the preemption bound", two.Coverage);
        ExploreResult three = Explorer.Explore(Small("three-preemptions"), new ExploreSettings(new DfsStrategySettings(1000, PreemptionBound: 3), Iterations: 10_000, CheckInvariants: false, Fair: false));
        Assert.Equal(RunOutcome.AssertionFailed, three.FirstBug!.Outcome);
        ExploreResult shallow = Explorer.Explore(Small("late-flag"), new ExploreSettings(new DfsStrategySettings(4), Iterations: 10_000, CheckInvariants: false, Fair: false));
        Assert.False(shallow.Exhausted);
        Assert.Contains("up to depth 4", shallow.Coverage ?? shallow.FirstBug!.Message);
    }

    private static SimScenario Small(string name) => name switch
    {
        "lost-update" => new LostUpdate(),
        "three-preemptions" => new ThreePreemptions(),
        "lost-wakeup" => new LostWakeup(),
        _ => new LateFlag(),
    };

    private const ulong Base = 0x10_0000;

    /// <summary>Two components increment a shared counter with a load and a store; a lower-priority checker, which
    /// runs only when both are done, asserts 2. One preemption between a load and its store loses an update.</summary>
    private sealed class LostUpdate : SimScenario
    {
        public override string Name => "oracle-lost-update";

        public override string Description => "two unsynchronised increments";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            foreach (string name in new[] { "a", "b" }) world.Map(world.AddComponent(name, 100, 0, Increment), frame, Base, VmRights.Read | VmRights.Write);
            world.Map(world.AddComponent("checker", 50, 0, Check), frame, Base, VmRights.Read | VmRights.Write);
        }

        private static async Task Increment(Sys sys)
        {
            ulong value = (await sys.Load(Base)).X1;
            await sys.Store(Base, value + 1);
        }

        private static async Task Check(Sys sys) => sys.Assert((await sys.Load(Base)).X1 == 2, "an increment was lost");
    }

    /// <summary>The reader fails only if it sees 1 and then 2: writer, reader, writer, reader, each switch while the
    /// other could go on, so three preemptions.</summary>
    private sealed class ThreePreemptions : SimScenario
    {
        public override string Name => "oracle-three-preemptions";

        public override string Description => "a bug that needs three preemptions";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            world.Map(world.AddComponent("writer", 100, 0, async sys =>
            {
                for (ulong value = 1; value <= 3; value++) await sys.Store(Base, value);
            }), frame, Base, VmRights.Read | VmRights.Write);
            world.Map(world.AddComponent("reader", 100, 0, async sys =>
            {
                ulong first = (await sys.Load(Base)).X1;
                ulong second = (await sys.Load(Base)).X1;
                sys.Assert(!(first == 1 && second == 2), "saw 1 then 2");
            }), frame, Base, VmRights.Read | VmRights.Write);
        }
    }

    /// <summary>The waiter sets a flag and waits; the signaller signals only if it saw the flag: if it looks first,
    /// the wake-up is lost and the waiter deadlocks.</summary>
    private sealed class LostWakeup : SimScenario
    {
        public override string Name => "oracle-lost-wakeup";

        public override string Description => "a wake-up that depends on a flag read too early";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            uint note = world.CreateNotification("note");
            ulong wait = 0, signal = 0;
            WorldComponent waiter = world.AddComponent("waiter", 100, 0, async sys =>
            {
                await sys.Store(Base, 1);
                await sys.Wait(wait);
            });
            WorldComponent signaller = world.AddComponent("signaller", 100, 0, async sys =>
            {
                if ((await sys.Load(Base)).X1 == 1) await sys.Signal(signal);
            });
            world.Map(waiter, frame, Base, VmRights.Read | VmRights.Write);
            world.Map(signaller, frame, Base, VmRights.Read | VmRights.Write);
            wait = world.Give(waiter, note, CapRights.Read);
            signal = world.Give(signaller, note, CapRights.Write, badge: 1);
        }
    }

    /// <summary>The flag-before-data bug after a run of scratch stores: its schedules are longer than a shallow
    /// depth bound.</summary>
    private sealed class LateFlag : SimScenario
    {
        public override string Name => "oracle-late-flag";

        public override string Description => "flag stored before data, after three scratch stores";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            world.Map(world.AddComponent("writer", 100, 0, async sys =>
            {
                for (ulong scratch = 0; scratch < 3; scratch++) await sys.Store(Base + 24, scratch);
                await sys.Store(Base + 8, 1);
                await sys.Store(Base + 16, 42);
            }), frame, Base, VmRights.Read | VmRights.Write);
            world.Map(world.AddComponent("reader", 100, 0, async sys =>
            {
                ulong flag = (await sys.Load(Base + 8)).X1;
                ulong data = (await sys.Load(Base + 16)).X1;
                sys.Assert(flag == 0 || data == 42, $"flag set but data is {data}");
            }), frame, Base, VmRights.Read | VmRights.Write);
        }
    }
}
