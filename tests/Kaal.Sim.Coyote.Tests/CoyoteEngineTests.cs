using System.IO;
using Kaal.Sim.Coyote;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;
using Xunit;

namespace Kaal.Sim.Coyote.Tests;

/// <summary>The simulator under Coyote's TestingEngine: Coyote finds the built-in bugs, and the schedule it found
/// replays in KaaL's own engine (and in Coyote's) with the same verdict.</summary>
public sealed class CoyoteEngineTests
{
    private static readonly SimScenario StaleFull = new SpscChannelScenario(staleFullCheck: true);
    private static readonly SimScenario MissingRelease = new SpscChannelScenario(staleFullCheck: false, cores: 2, missingRelease: true);

    [Fact]
    public void Coyote_finds_stale_full_and_its_trace_replays_in_kaal()
    {
        CoyoteExploreResult found = CoyoteExplorer.Explore(StaleFull, new ExploreSettings(new ProbabilisticStrategySettings(3), Iterations: 500, Seed: 1, CheckInvariants: false));
        AssertReplaysInKaal(StaleFull, found);
    }

    [Fact]
    public void Coyote_finds_the_two_core_missing_release_and_its_trace_replays_in_kaal()
    {
        CoyoteExploreResult found = CoyoteExplorer.Explore(MissingRelease, new ExploreSettings(new RandomStrategySettings(), Iterations: 2000, Seed: 1, CheckInvariants: false));
        AssertReplaysInKaal(MissingRelease, found);
        Assert.Contains(found.Result.Trace!.Decisions, Decision.IsAlternative);
    }

    [Fact]
    public void A_coyote_test_method_writes_the_kaal_trace_and_coyotes_bug_report_carries_kaals_verdict()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kaal-coyote-{System.Guid.NewGuid():N}.json");
        var test = new CoyoteScenarioTest(StaleFull, new SimOptions(CheckInvariants: false), path);
        Configuration configuration = Configuration.Create().WithTestingIterations(500).WithTelemetryEnabled(false);
        try
        {
            using TestingEngine engine = TestingEngine.Create(configuration, () => test.RunIteration());
            engine.SetLogger(DiscardingLogger.Create());
            engine.Run();
            string bug = Assert.Single(engine.TestReport.BugReports);
            Assert.StartsWith(Verdict.Line(test.FirstBug!), bug);
            Assert.Contains($"kaal replay {path}", bug);
            Assert.Equal(test.FirstBug!.Decisions, TraceFile.Read(path).Decisions);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Outside_a_coyote_iteration_the_strategy_says_where_it_runs()
    {
        var error = Assert.Throws<System.InvalidOperationException>(() => new CoyoteStrategy());
        Assert.Contains("only inside a Coyote test iteration", error.Message);
    }

    private static void AssertReplaysInKaal(SimScenario scenario, CoyoteExploreResult found)
    {
        Assert.NotNull(found.Result.FirstBug);
        Trace trace = found.Result.Trace!;
        string path = Path.Combine(Path.GetTempPath(), $"kaal-coyote-{System.Guid.NewGuid():N}.json");
        try
        {
            TraceFile.Write(path, trace);
            Trace read = TraceFile.Read(path);
            RunResult replayed = new Simulation(scenario, read.SimOptions).Run(new ReplayStrategy(read.Decisions), read.ScheduleSeed);
            Assert.Equal(Verdict.Line(found.Result.FirstBug!), Verdict.Line(replayed));
            Assert.Equal(trace.Decisions, replayed.Decisions);
        }
        finally
        {
            File.Delete(path);
        }
        RunResult again = CoyoteExplorer.Replay(scenario, trace.SimOptions, found.CoyoteTrace!);
        Assert.Equal(trace.Decisions, again.Decisions);
    }
}
