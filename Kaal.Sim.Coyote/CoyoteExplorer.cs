using System;
using System.Linq;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Microsoft.Coyote;
using Microsoft.Coyote.Logging;
using Microsoft.Coyote.SystematicTesting;

namespace Kaal.Sim.Coyote;

/// <summary>
/// Coyote as a second exploration engine, in-process: runs schedules of a KaaL scenario under Coyote's
/// <see cref="TestingEngine"/> with the settings <c>kaal explore</c> takes, and reports in KaaL's terms (an
/// <see cref="ExploreResult"/> whose trace <c>kaal replay</c> replays) and in Coyote's (its reproducible trace, which
/// <see cref="Replay"/> and <c>coyote replay</c> reproduce, and its report).
/// </summary>
public static class CoyoteExplorer
{
    /// <summary>Coyote scheduling steps allowed per KaaL decision: the offer, the choice, the return to the simulation,
    /// and the creation of a thread's operation, with room to spare, so KaaL's own step limit always ends a schedule first.</summary>
    private const long CoyoteStepsPerDecision = 8;

    /// <summary>Explores <paramref name="scenario"/>. <paramref name="runToCompletion"/>: go on after a bug (for hit
    /// rates; the result's bug and trace stay the first one's). Settings Coyote's engine cannot honour (several workers,
    /// shards, the determinism check) are refused with <see cref="ArgumentException"/> naming the option.</summary>
    public static CoyoteExploreResult Explore(SimScenario scenario, ExploreSettings settings, string parameters = "", bool runToCompletion = false)
    {
        Validate(settings);
        SimOptions options = settings.ToSimOptions(settings.CheckInvariants);
        var test = new CoyoteScenarioTest(scenario, options, tracePath: null, parameters)
        {
            StrategyName = "coyote:" + settings.Strategy.Spec,
            Seed = settings.Seed,
        };
        Configuration configuration = Configure(settings.MaxSteps)
            .WithTestingIterations((uint)settings.Iterations)
            .WithRandomGeneratorSeed((uint)settings.Seed)
            .WithTestIterationsRunToCompletion(runToCompletion);
        configuration = CoyoteStrategies.Apply(configuration, settings.Strategy.Spec);
        if (settings.TimeBudgetSeconds is double budget) configuration = configuration.WithTestingTimeout(Math.Max(1, (int)Math.Ceiling(budget)));
        using TestingEngine engine = TestingEngine.Create(configuration, () => test.RunIteration());
        engine.SetLogger(DiscardingLogger.Create());
        test.Clock.Start();
        engine.Run();
        double seconds = test.Clock.Elapsed.TotalSeconds;
        TestReport report = engine.TestReport;
        string? foreign = ForeignBug(report, test);
        if (foreign is not null) throw new CoyoteHarnessException($"Coyote reported a bug that is not a KaaL verdict: {foreign}");
        var result = new ExploreResult(test.Schedules, test.Decisions, test.BuggySchedules, test.FirstBug,
            test.BugTrace, Exhausted: false, TimeBudgetHit: settings.TimeBudgetSeconds is double limit && seconds >= limit,
            seconds, test.InfeasibleSchedules, StepLimitSchedules: test.StepLimitSchedules, HotSteps: test.HotSteps);
        return new CoyoteExploreResult(result, test.BugTrace is null ? null : engine.ReproducibleTrace, report.GetText(configuration, "[coyote]"),
            test.FirstBugSeconds);
    }

    /// <summary>Runs the one schedule Coyote's reproducible trace <paramref name="coyoteTrace"/> describes (as
    /// <c>coyote replay</c> does) and returns KaaL's result of it.</summary>
    public static RunResult Replay(SimScenario scenario, SimOptions options, string coyoteTrace)
    {
        var test = new CoyoteScenarioTest(scenario, options);
        Configuration configuration = Configure(options.MaxSteps).WithReproducibleTrace(coyoteTrace);
        using TestingEngine engine = TestingEngine.Create(configuration, () => test.RunIteration());
        engine.SetLogger(DiscardingLogger.Create());
        engine.Run();
        string? foreign = ForeignBug(engine.TestReport, test);
        if (foreign is not null) throw new CoyoteHarnessException($"replaying the Coyote trace: {foreign}");
        return test.LastResult ?? throw new CoyoteHarnessException("replaying the Coyote trace ran no schedule");
    }

    /// <summary>What every run shares: quiet (KaaL prints its own summary), no telemetry, and a Coyote step bound KaaL's step limit always beats.</summary>
    private static Configuration Configure(int maxSteps) =>
        Configuration.Create()
            .WithTelemetryEnabled(false)
            .WithConsoleLoggingEnabled(false)
            .WithVerbosityEnabled(VerbosityLevel.None)
            .WithMaxSchedulingSteps((uint)Math.Min(int.MaxValue, maxSteps * CoyoteStepsPerDecision + 1_000));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting Coyote's engine cannot run: KaaL's checks
    /// of the numbers, then Coyote's strategy names (not KaaL's: qlearning is Coyote's only, portfolio KaaL's only) and
    /// what only KaaL's engine does.</summary>
    public static void Validate(ExploreSettings settings)
    {
        (settings with { Strategy = new RandomStrategySettings() }).Validate();
        CoyoteStrategies.Apply(Configuration.Create(), settings.Strategy.Spec);
        if (settings.Seed > uint.MaxValue) throw new ArgumentException($"--seed {settings.Seed}: Coyote's seeds are 32-bit (at most {uint.MaxValue})");
        if (settings.Workers != 1) throw new ArgumentException($"--workers {settings.Workers}: Coyote's engine runs one schedule at a time (use --workers 1)");
        if (settings.Shard is not null) throw new ArgumentException($"--shard {settings.Shard}: campaigns are sharded with KaaL's engine only");
        if (settings.CheckDeterminism) throw new ArgumentException("--check-determinism: KaaL's engine checks determinism; under Coyote use coyote replay or CoyoteExplorer.Replay");
    }

    /// <summary>A Coyote bug KaaL did not raise (a deadlock of the harness, an exception of Coyote's own), or null.</summary>
    private static string? ForeignBug(TestReport report, CoyoteScenarioTest test) =>
        report.NumOfFoundBugs > 0 && test.BugTrace is null ? string.Join("; ", report.BugReports.DefaultIfEmpty("no bug text")) : null;
}
