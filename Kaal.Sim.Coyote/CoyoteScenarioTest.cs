using System;
using Stopwatch = System.Diagnostics.Stopwatch;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Microsoft.Coyote.Specifications;

namespace Kaal.Sim.Coyote;

/// <summary>
/// A KaaL scenario as a Coyote test: <see cref="RunIteration"/> is the body of one Coyote test iteration. It runs one
/// schedule of the unchanged <see cref="Simulation"/> with every decision made by Coyote (<see cref="CoyoteStrategy"/>),
/// and when KaaL's checks fail (assertion, deadlock, liveness, kernel invariant, component fault) it exports the
/// schedule as a KaaL trace (<see cref="BugTrace"/>, and the file <see cref="TracePath"/> when set) and fails the Coyote
/// iteration with KaaL's verdict line and report as the assertion text, so Coyote's bug report carries KaaL's.
/// <para>For <c>coyote test</c>, keep one instance in a static field and call it from a
/// <c>[Microsoft.Coyote.SystematicTesting.Test]</c> method (docs/simulator.md, "Coyote as a second engine").</para>
/// Iterations run one after another (Coyote's engine never runs two at once), so the counters need no locking.
/// </summary>
public sealed class CoyoteScenarioTest
{
    private readonly Simulation _simulation;

    public CoyoteScenarioTest(SimScenario scenario, SimOptions options, string? tracePath = null, string parameters = "")
    {
        Scenario = scenario;
        Options = options;
        TracePath = tracePath;
        Parameters = parameters;
        _simulation = new Simulation(scenario, options);
    }

    public SimScenario Scenario { get; }

    public SimOptions Options { get; }

    /// <summary>Where a bug's KaaL trace is written (null: kept in <see cref="BugTrace"/> only).</summary>
    public string? TracePath { get; }

    /// <summary>The scenario's constructor parameters as the trace records them (<c>--param</c>).</summary>
    public string Parameters { get; }

    /// <summary>The Coyote strategy's name, recorded in the exported trace (set by <see cref="CoyoteExplorer"/>).</summary>
    public string StrategyName { get; set; } = "coyote";

    /// <summary>The Coyote seed, recorded in the exported trace.</summary>
    public ulong Seed { get; set; }

    public int Schedules { get; private set; }

    public long Decisions { get; private set; }

    public int StepLimitSchedules { get; private set; }

    public int InfeasibleSchedules { get; private set; }

    public long HotSteps { get; private set; }

    public int BuggySchedules { get; private set; }

    /// <summary>Started by whoever runs the engine; <see cref="FirstBugSeconds"/> is read from it.</summary>
    public Stopwatch Clock { get; } = new();

    /// <summary>Seconds on <see cref="Clock"/> when the first bug was found (null: none yet).</summary>
    public double? FirstBugSeconds { get; private set; }

    /// <summary>The last schedule's result (after a bug: the buggy one).</summary>
    public RunResult? LastResult { get; private set; }

    /// <summary>The first buggy schedule's result.</summary>
    public RunResult? FirstBug { get; private set; }

    /// <summary>The KaaL trace of the first buggy schedule, which <c>kaal replay</c> replays.</summary>
    public Trace? BugTrace { get; private set; }

    public RunResult RunIteration()
    {
        var strategy = new CoyoteStrategy();
        ulong faultSeed = Options.Faults is { IsNone: false } ? strategy.NextFaultSeed() : 0;
        RunResult result;
        try
        {
            result = _simulation.Run(strategy, faultSeed);
        }
        finally
        {
            strategy.Finish();
        }
        int iteration = Schedules++;
        Decisions += result.Decisions.Count;
        HotSteps += result.HotSteps;
        if (result.Outcome == RunOutcome.StepLimit) StepLimitSchedules++;
        if (result.Outcome == RunOutcome.Infeasible) InfeasibleSchedules++;
        LastResult = result;
        if (!result.IsBug) return result;
        BuggySchedules++;
        bool first = BugTrace is null;
        if (first)
        {
            FirstBugSeconds = Clock.Elapsed.TotalSeconds;
            FirstBug = result;
            BugTrace = new Trace(Scenario.Name, StrategyName, Seed, iteration, faultSeed, Options.MaxSteps, Options.CheckInvariants,
                result.Decisions, result.Outcome.ToString(), result.Message, Options.MemoryModel ?? Scenario.MemoryModel,
                Options.PromiseBudget, Options.Faults?.Spec ?? "", Parameters);
            if (TracePath is not null) TraceFile.Write(TracePath, BugTrace);
        }
        Specification.Assert(false, FailureText(result, first ? TracePath : null));
        return result;
    }

    /// <summary>KaaL's verdict line and report, as Coyote's bug report shows them.</summary>
    public static string FailureText(RunResult result, string? tracePath) =>
        Verdict.Line(result) + (result.Report.Length > 0 ? Environment.NewLine + result.Report.TrimEnd() : "")
        + (tracePath is null ? "" : $"{Environment.NewLine}KaaL trace: {tracePath} (kaal replay {tracePath})");
}
