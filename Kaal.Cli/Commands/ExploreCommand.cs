using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Kaal.Cli.Rendering;
using Kaal.Sim.Coyote;
using Kaal.Sim.Exploration;
using Kaal.Sim.Exploration.Campaigns;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Cli.Commands;

/// <summary>`kaal explore SCENARIO`: explores schedules; exit 0 = no bug, 1 = bug found (trace written), 2 = usage error.</summary>
internal static class ExploreCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "scenario name (built-in: spsc-channel, spsc-channel-stale-full, spsc-channel-smp, spsc-channel-missing-release-smp...)" }.NoOptionLikeValues();
        var components = new ComponentOptions();
        var parameters = new Option<string[]>("--param") { Description = "NAME=VALUE for the scenario class's constructor parameter NAME (repeat for several)", DefaultValueFactory = _ => [] };
        var engine = new Option<string>("--engine") { Description = "kaal | coyote: whose testing engine explores (coyote: Microsoft Coyote's TestingEngine, one worker; docs/simulator.md)", DefaultValueFactory = _ => "kaal" }
            .AcceptOnlyFromAmong("kaal", "coyote");
        var strategy = new Option<string>("--strategy") { Description = "random | pct[:depth] | delay-bounding[:delays] | dfs[:max-depth[:preemptions=K]] | portfolio | fair:N:SPEC", DefaultValueFactory = _ => "random" };
        var noFair = new Option<bool>("--no-fair") { Description = "leave out the fair phase the explorer adds to strategies that can starve a thread (round robin after max-steps/10 steps)" };
        var iterations = new Option<int>("--iterations") { Description = "schedules to run at most (of the whole campaign when sharded)", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var maxSteps = new Option<int>("--max-steps") { Description = "decisions per schedule before giving up on it", DefaultValueFactory = _ => 10_000 }.AtLeast(1);
        var seed = new Option<ulong>("--seed") { Description = "base seed; schedule i uses a seed mixed from it and i", DefaultValueFactory = _ => 0 };
        var workers = new Option<int>("--workers") { Description = "exploration threads (results do not depend on it)", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var timeBudget = new Option<double?>("--time-budget") { Description = "stop after this many seconds of wall time" }.Positive();
        var output = new Option<string>("--out") { Description = "where to write the trace of a bug", DefaultValueFactory = _ => "kaal-trace.json" }.OutputFile();
        var noInvariants = new Option<bool>("--no-invariants") { Description = "skip the kernel invariant checkers at every step (faster)" };
        var determinism = new Option<bool>("--check-determinism") { Description = "replay every schedule and compare the kernel state step by step" };
        var memoryModel = new Option<string?>("--memory-model") { Description = "sc | arm: how accesses of different cores are explored (default: the scenario's, arm for the built-ins)" };
        var promises = new Option<int>("--promises") { Description = "under arm: stores a schedule may make visible early (each costs a replay)", DefaultValueFactory = _ => SimOptions.DefaultPromiseBudget }.AtLeast(0);
        var shard = new Option<string?>("--shard") { Description = "INDEX/COUNT: run only the iterations i with i mod COUNT = INDEX (merge the reports with kaal merge)" };
        var report = new Option<string?>("--report") { Description = "write a campaign report (JSON) for kaal merge" }.OutputFile();
        var faults = new Option<string?>("--faults") { Description = "faults to inject: swarm[:-KIND][,-KIND...] | KIND:N,... (crash, delay-interrupt, duplicate-interrupt, timer-jitter, retype-exhaustion; 1-in-N steps) [,heal:STEP]" };
        var format = OutputFormat.Create();
        var command = new Command("explore", "Explore schedules of a scenario for bugs (assertions, deadlocks, faults, kernel invariants)");
        command.Arguments.Add(scenario);
        components.AddTo(command);
        foreach (Option option in new Option[] { parameters, engine, strategy, noFair, iterations, maxSteps, seed, workers, timeBudget, output, noInvariants, determinism, memoryModel, promises, shard, report, faults, format })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => OutputFormat.Run(parse.GetValue(format)!, json => Run(parse.GetValue(engine)!, parse.GetValue(scenario)!, () => components.Resolve(parse), parse.GetValue(parameters)!, parse.GetValue(memoryModel), parse.GetValue(shard), parse.GetValue(faults), parse.GetValue(strategy)!, new ExploreSettings(
            null!, parse.GetValue(iterations), parse.GetValue(maxSteps), parse.GetValue(seed),
            parse.GetValue(workers), parse.GetValue(timeBudget), !parse.GetValue(noInvariants), parse.GetValue(determinism),
            PromiseBudget: parse.GetValue(promises), Fair: !parse.GetValue(noFair)), parse.GetValue(output)!, parse.GetValue(report), json)));
        return command;
    }

    /// <summary>Coyote's engine takes Coyote's strategy names (qlearning, its own defaults); KaaL's explorer its own.</summary>
    private static StrategySettings StrategyFor(string engine, string spec) => engine == "coyote" ? new CoyoteStrategySettings(spec) : StrategySettings.Parse(spec);

    private static int Run(string engine, string scenarioName, Func<ComponentSources> resolve, string[] parameterItems, string? memoryModel, string? shard, string? faults, string strategy, ExploreSettings settings, string tracePath, string? reportPath, JsonDocumentSink? json)
    {
        SimScenario scenario;
        ExploreResult result;
        string? coyoteTrace = null;
        ComponentSources sources;
        IReadOnlyDictionary<string, string> parameters;
        try
        {
            sources = resolve();
            parameters = ScenarioParameters.Parse(parameterItems);
            scenario = ScenarioCatalog.Find(scenarioName, sources.UserAssemblies, sources.Components, parameters);
            settings = settings with
            {
                Strategy = StrategyFor(engine, strategy),
                MemoryModel = memoryModel is null ? scenario.MemoryModel : MemoryModels.Parse(memoryModel),
                Shard = shard is null ? null : ShardSpec.Parse(shard),
                Faults = FaultSettings.Parse(faults),
            };
            if (engine == "coyote") CoyoteExplorer.Validate(settings);
            else settings.Validate();
            string? applicable = settings.Faults is { IsNone: false } spec ? FaultApplicability.Check(scenario, settings.ToSimOptions(false), spec) : null;
            string part = settings.Shard is ShardSpec s ? $", shard {s} ({s.IterationsOf(settings.Iterations)} of {settings.Iterations} iterations)" : "";
            Console.WriteLine($"exploring {scenario.Name} with {(engine == "coyote" ? $"Coyote's {settings.Strategy}" : settings.RunStrategy)}: up to {settings.Iterations} schedules{part}, seed {settings.Seed}, " +
                $"{settings.Workers} worker(s), memory model {MemoryModels.Name(settings.MemoryModel!.Value)}");
            if (applicable is not null) Console.WriteLine(applicable);
            double? slowdown = settings.CheckInvariants ? CheckCost.InvariantSlowdown(scenario, settings) : null;
            Console.WriteLine($"checks: {string.Join("; ", CheckCost.ChecksOn(settings))}" + (slowdown is double x ? $"; the invariant checkers make this scenario's runs {x:F1}x slower" : ""));
            if (engine == "coyote")
            {
                (result, coyoteTrace) = CoyoteEngine.Explore(scenario, settings, parameters);
            }
            else
            {
                string checks = slowdown is double factor ? $"invariants {factor:F0}x" : "invariants off";
                int total = settings.Shard is ShardSpec own ? own.IterationsOf(settings.Iterations) : settings.Iterations;
                result = LiveProgress.Run(Terminal.Out, "explore", total, TimeSpan.FromSeconds(5), line => Explorer.Explore(scenario, settings, new ExploreStatus(line, checks)));
            }
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        catch (SimulationException error)
        {
            Console.Error.WriteLine($"error: scenario {scenarioName}: {error.Message}");
            return 2;
        }
        ExploreSummary.PrintTotals(result, settings);
        if (reportPath is not null)
        {
            CampaignReportFile.Write(reportPath, CampaignReport.Of(scenario, settings, result));
            Console.WriteLine($"report: {Path.GetFullPath(reportPath)}");
        }
        if (result.FirstBug is null)
        {
            if (json is not null) json.Document = ExploreJson.Of(scenario.Name, engine, settings, result, tracePath, null);
            return ExploreSummary.NoBug(result, settings);
        }
        string replayCommand = ReportBug(result, parameters, tracePath, coyoteTrace, sources);
        if (json is not null) json.Document = ExploreJson.Of(scenario.Name, engine, settings, result, tracePath, replayCommand);
        return 1;
    }

    /// <summary>Writes the bug's trace and prints the bug, where its trace is and how to replay it; returns the replay command.</summary>
    private static string ReportBug(ExploreResult result, IReadOnlyDictionary<string, string> parameters, string tracePath, string? coyoteTrace, ComponentSources sources)
    {
        RunResult bug = result.FirstBug!;
        TraceFile.Write(tracePath, result.Trace! with { Parameters = ScenarioParameters.Format(parameters) });
        Console.WriteLine($"BUG in schedule {result.Trace!.Iteration}: {bug.Outcome}: {bug.Message}");
        if (bug.Report.Length > 0) Console.Write(bug.Report);
        Console.WriteLine($"trace: {Path.GetFullPath(tracePath)}");
        if (coyoteTrace is not null) CoyoteEngine.WriteCoyoteTrace(tracePath, coyoteTrace);
        string replayCommand = $"kaal replay {tracePath}{sources.AssemblyArguments}";
        Console.WriteLine($"replay: {replayCommand}");
        VerdictText.Write(Verdict.Line(bug), passed: false);
        return replayCommand;
    }

    /// <summary>The explorer's progress reports as the progress display's status.</summary>
    private sealed class ExploreStatus(IProgressLine line, string checks) : IProgress<ExploreProgress>
    {
        public void Report(ExploreProgress value) => line.Update(value.Schedules,
            $"{value.Schedules} schedules, {value.Schedules / Math.Max(value.ElapsedSeconds, 1e-9):F0}/s, {value.Decisions} decisions, {value.BuggySchedules} bug(s), {checks}");
    }
}
