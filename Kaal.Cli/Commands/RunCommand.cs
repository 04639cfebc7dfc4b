using System;
using System.CommandLine;
using System.IO;
using Kaal.Cli.Rendering;
using Kaal.Sim.Exploration;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;

namespace Kaal.Cli.Commands;

/// <summary>
/// `kaal run`: boots the system a components.toml describes in the simulator (root task, system_init, phases) and
/// prints the console as it runs, then a summary. One schedule, chosen by a seeded random strategy: the same seed
/// gives the same run. Exit 0 = the system shut down cleanly; 1 = it did not (a bug, a failed component, a step
/// limit); 2 = the manifest or the arguments are unusable.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var manifest = new Option<string>("--manifest") { Description = "the system to boot", DefaultValueFactory = _ => "components.toml" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the schedule (same seed, same run)", DefaultValueFactory = _ => 0 };
        var maxSteps = new Option<int>("--max-steps") { Description = "steps before the run is stopped", DefaultValueFactory = _ => SystemSimulation.DefaultMaxSteps }.AtLeast(1);
        var trace = new Option<string?>("--trace") { Description = "write the run's trace here (kaal replay reads it)" }.OutputFile();
        var noInvariants = new Option<bool>("--no-invariants") { Description = "skip the kernel invariant checkers at every step (faster)" };
        var faults = new Option<string?>("--faults") { Description = "faults to inject (as kaal explore --faults; docs/faults.md)" };
        var junit = new Option<string?>("--junit") { Description = "write the components' sel4test-style results as JUnit XML here (test names component/TEST)" }.OutputFile();
        var format = OutputFormat.Create();
        var components = new ComponentOptions();
        var command = new Command("run", "Boot a system (components.toml) in the simulator and print what it does");
        foreach (Option option in new Option[] { manifest, seed, maxSteps, trace, noInvariants, faults, junit, format }) command.Options.Add(option);
        components.AddTo(command);
        command.SetAction(parse => OutputFormat.Run(parse.GetValue(format)!, json => Run(parse.GetValue(manifest)!, parse.GetValue(seed), parse.GetValue(maxSteps), parse.GetValue(trace), !parse.GetValue(noInvariants), parse.GetValue(faults), parse.GetValue(junit),
            () => components.Resolve(parse), json)));
        return command;
    }

    private static int Run(string manifestPath, ulong seed, int maxSteps, string? tracePath, bool checkInvariants, string? faultSpec, string? junitPath, Func<ComponentSources> resolve, JsonDocumentSink? json)
    {
        SystemScenario scenario;
        FaultSettings faults;
        ComponentSources sources;
        try
        {
            faults = FaultSettings.Parse(faultSpec);
            sources = resolve();
            scenario = SystemSimulation.Load(manifestPath, sources.Components);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        Console.WriteLine($"kaal run: {manifestPath} ({scenario.Manifest.Components.Count} components), seed {seed}");
        var summary = new LifecycleSummary();
        SystemRun run;
        try
        {
            run = SystemSimulation.Run(scenario, seed, new SimOptions(maxSteps, checkInvariants, Faults: faults), line =>
            {
                Console.WriteLine(line);
                summary.Observe(line);
            });
        }
        catch (SimulationException error)
        {
            Console.Error.WriteLine($"error: the system could not be set up: {error.Message}");
            return 2;
        }
        Console.WriteLine(summary.Describe(run));
        if (run.Result.Report.Length > 0) Console.Write(run.Result.Report);
        if (tracePath is not null)
        {
            TraceFile.Write(tracePath, new Trace(scenario.Name, SystemSimulation.StrategyName, seed, 0, run.ScheduleSeed, maxSteps, checkInvariants,
                run.Result.Decisions, run.Result.Outcome.ToString(), run.Result.Message, Faults: faults.Spec));
            Console.WriteLine($"trace written to {tracePath} (kaal replay {tracePath}{sources.AssemblyArguments})");
        }
        bool testsPassed = true;
        if (junitPath is not null)
        {
            Kaal.Hil.Suites.SuiteResult tests = Kaal.Hil.Suites.ComponentConsoleSuite.FromLines(Path.GetFileName(manifestPath), "simulator", run.ConsoleLines);
            Kaal.Hil.Suites.JUnitReport.Write(tests, junitPath);
            Console.WriteLine($"tests: {tests.Summary}; JUnit written to {junitPath}");
            testsPassed = tests.Passed;
        }
        VerdictText.Write(Verdict.Line(run.Result), passed: run.Result.Outcome == RunOutcome.Passed);
        if (json is not null) json.Document = RunJson.Of(manifestPath, seed, run, tracePath);
        return run.Clean && testsPassed ? 0 : 1;
    }
}
