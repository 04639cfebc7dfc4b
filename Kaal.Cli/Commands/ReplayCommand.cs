using System;
using System.CommandLine;
using System.IO;
using Kaal.Cli.Rendering;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Kaal.Sim.Timelines;

namespace Kaal.Cli.Commands;

/// <summary>`kaal replay TRACE [--around STEP | --last N] [--html OUT.html]`: re-runs a recorded schedule decision by
/// decision and prints the steps around the failure's cause (an assertion, the step a liveness monitor went hot, the
/// step a deadlock formed; the last steps of a passing run), then the verdict (and draws it as a timeline page).
/// Exit 1 if it reproduces a bug, 0 if the run passes, 2 if the trace is unusable or no longer matches the code.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var trace = new Argument<string>("trace") { Description = "a trace file written by kaal explore" }.NoOptionLikeValues();
        var components = new ComponentOptions();
        var lastSteps = new Option<int?>("--last") { Description = "print the last N steps instead (0 = all)" }.AtLeast(0);
        var around = new Option<int?>("--around") { Description = $"print the steps within {StepWindow.Radius} of step STEP (default: the cause of a failure)" }.AtLeast(0);
        var html = new Option<string?>("--html") { Description = "also write the schedule as a timeline: a self-contained HTML page" }.OutputFile();
        var format = OutputFormat.Create();
        var command = new Command("replay", "Replay a trace exactly and print the schedule that led to its outcome");
        command.Arguments.Add(trace);
        components.AddTo(command);
        command.Options.Add(lastSteps);
        command.Options.Add(around);
        command.Options.Add(html);
        command.Options.Add(format);
        command.SetAction(parse => OutputFormat.Run(parse.GetValue(format)!, json => Run(parse.GetValue(trace)!, () => components.Resolve(parse), new StepWindow(parse.GetValue(lastSteps), parse.GetValue(around)), parse.GetValue(html), json)));
        return command;
    }

    private static int Run(string path, Func<ComponentSources> resolve, StepWindow window, string? htmlPath, JsonDocumentSink? json)
    {
        Trace trace;
        SimScenario scenario;
        try
        {
            trace = TraceFile.Read(path);
            ComponentSources sources = resolve();
            scenario = ScenarioCatalog.Find(trace.Scenario, sources.UserAssemblies, sources.Components, ScenarioParameters.FromTrace(trace.Parameters));
        }
        catch (Exception error) when (error is TraceFormatException or ArgumentException or System.IO.IOException)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        var simulation = new Simulation(scenario, trace.SimOptions, keepStepLog: true);
        RunResult result;
        try
        {
            result = simulation.Run(new ReplayStrategy(trace.Decisions), trace.ScheduleSeed);
        }
        catch (TraceDivergedException diverged)
        {
            Console.Error.WriteLine($"error: {diverged.Message}");
            return 2;
        }
        Console.WriteLine($"replaying {trace.Scenario} (schedule {trace.Iteration} of seed {trace.Seed}, {trace.Strategy}), {trace.Decisions.Count} decisions:");
        var windowText = new StringWriter();
        window.Print(simulation.StepLog, simulation.Events, result.IsBug ? result.Cause : null, windowText);
        Console.Write(windowText.ToString());
        string console = simulation.ConsoleText;
        if (console.Length > 0)
        {
            Console.WriteLine("console output of the run:");
            foreach (string line in console.TrimEnd('\n').Split('\n')) Console.WriteLine($"  | {line}");
        }
        Console.WriteLine($"outcome: {result.Outcome}: {result.Message}");
        if (result.Report.Length > 0) Console.Write(result.Report);
        if (htmlPath is not null)
        {
            File.WriteAllText(htmlPath, TimelineHtml.Render(Timeline.Of(trace, simulation, result)));
            Console.WriteLine($"timeline: {Path.GetFullPath(htmlPath)}");
        }
        VerdictText.Write(Verdict.Line(result), passed: result.Outcome == RunOutcome.Passed);
        if (json is not null) json.Document = ReplayJson.Of(path, trace, result, windowText.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        if (result.Outcome.ToString() != trace.Outcome || result.Decisions.Count != trace.Decisions.Count)
        {
            Console.Error.WriteLine($"error: the trace recorded {trace.Outcome} after {trace.Decisions.Count} decisions; this run gave {result.Outcome} after {result.Decisions.Count}: the code no longer matches the trace");
            return 2;
        }
        return result.IsBug ? 1 : 0;
    }
}
