using System.Collections.Generic;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>One simulated run of a system: the simulation (its end state), the result, the schedule's seed and
/// every console line it printed.</summary>
internal sealed record SystemRun(Simulation Simulation, RunResult Result, ulong ScheduleSeed, IReadOnlyList<string> ConsoleLines)
{
    /// <summary>Shut down with the exit code the manifest expects (0 unless its `exit_code` says) and no bug found on the
    /// way: the simulator's Passed means both once the system has shut down.</summary>
    public bool Clean => Result.Outcome == RunOutcome.Passed && Simulation.ShutDown;

    /// <summary>The verdict of a run that ended in a bug (a check failed, the step limit), null when the system ran to
    /// its end (a non-zero exit code is the system's own verdict, which the console shows): a differential check
    /// against a failing run says so.</summary>
    public string? Failure => Result.Outcome is RunOutcome.Passed or RunOutcome.SystemFailed ? null : Verdict.Line(Result)[Verdict.Prefix.Length..];

    /// <summary>How the run ended, in a few words: a shutdown only when no check failed on the way (a monitor still hot
    /// at shutdown is the failure, not the shutdown).</summary>
    public string End => Simulation.ShutDown && Result.Outcome is RunOutcome.Passed or RunOutcome.SystemFailed ? $"shut down with exit code {Simulation.ExitCode}" : $"{Result.Outcome}: {Result.Message}";
}
