using System;
using System.IO;
using Kaal.Hil.Differential;
using Kaal.Hil.Suites;
using Kaal.Sdk.Discovery;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>
/// The last step of a system suite in `kaal hil run`: the console it booted must show what the simulator's run of
/// the same manifest shows (docs/hil.md, "The differential check"). It lives here, in the composition root, because
/// Kaal.Hil references neither the simulator nor the components (a harness for any image) and should not start to.
/// The verdict is folded into the suite's result, so the console summary and JUnit carry it.
/// </summary>
internal static class DifferentialStep
{
    /// <summary>The simulator's schedule: any seed must do (the check compares no interleavings); 0 is `kaal run`'s.</summary>
    public const ulong Seed = 0;

    /// <summary>The simulator's run of the manifest (before the boot: a system suite expects its exit code), or why
    /// there is none.</summary>
    public static (SystemRun? Run, string? Error) Simulate(string manifestPath, ComponentSet components)
    {
        try
        {
            return (SystemSimulation.RunQuietly(manifestPath, Seed, components), null);
        }
        catch (Exception error) when (error is ArgumentException or SimulationException)
        {
            return (null, $"differential check: the simulator could not run {manifestPath}: {error.Message}");
        }
    }

    public static SuiteResult Apply(SuiteResult result, (SystemRun? Run, string? Error) simulation)
    {
        string report;
        bool equal;
        if (simulation.Run is SystemRun simulated)
        {
            DifferentialResult check = DifferentialCheck.Compare(ObservableEventLog.FromLines(simulated.ConsoleLines), ObservableEventLog.FromLines(result.Transcript));
            var text = new StringWriter();
            DifferentialReport.Write(check, text, simulated.Failure);
            report = text.ToString().TrimEnd();
            equal = check.Equal;
        }
        else
        {
            report = simulation.Error!;
            equal = false;
        }
        string details = result.Details.Length == 0 ? report : $"{result.Details}\n{report}";
        result = result with { Checks = [.. result.Checks, new SuiteCheck("differential check", equal, report)] };
        if (equal) return result with { Details = details };
        string headline = report.Split('\n')[0];
        return result.Passed
            ? result with { Outcome = SuiteOutcome.Failed, Summary = headline, Details = details }
            : result with { Summary = $"{result.Summary}; {headline}", Details = details };
    }
}
