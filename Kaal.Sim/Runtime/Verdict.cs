namespace Kaal.Sim.Runtime;

/// <summary>
/// The one line that ends every command that runs a schedule (`kaal run`, `explore`, `replay`, ScenarioAssert): which
/// check decided the run, and for a failure the step it points at and what happened there, so the cause is on the
/// verdict's own line. The words are the same everywhere; <see cref="Check"/> is the short name JSON output uses.
/// </summary>
public static class Verdict
{
    public const string Prefix = "verdict: ";

    /// <summary>passed, assertion, deadlock, liveness, invariant, fault, step-limit, nondeterminism, exit-code or infeasible.</summary>
    public static string Check(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Passed => "passed",
        RunOutcome.AssertionFailed => "assertion",
        RunOutcome.Deadlock => "deadlock",
        RunOutcome.LivenessViolation => "liveness",
        RunOutcome.KernelBug => "invariant",
        RunOutcome.ComponentFaulted => "fault",
        RunOutcome.StepLimit => "step-limit",
        RunOutcome.Nondeterministic => "nondeterminism",
        RunOutcome.SystemFailed => "exit-code",
        _ => "infeasible",
    };

    /// <summary>An exploration's verdict when none of its schedules failed a check.</summary>
    public static string NoBug(long schedules) => Prefix + $"passed ({schedules} schedules, no bug found)";

    /// <summary>The verdict of <paramref name="result"/>.</summary>
    public static string Line(RunResult result)
    {
        RunCause? cause = result.Cause;
        string at = cause is null ? "" : $" at step {cause.Step}{(cause.Component.Length > 0 ? $" ({cause.Component})" : "")}";
        return Prefix + result.Outcome switch
        {
            RunOutcome.Passed => $"passed ({result.Steps} steps)",
            RunOutcome.AssertionFailed => $"assertion failed{at}: {cause?.What ?? result.Message}",
            RunOutcome.Deadlock => $"deadlock{at}: {cause?.What ?? result.Message}",
            RunOutcome.LivenessViolation => $"liveness monitor '{cause?.Monitor}' went hot{at} and {cause?.What ?? result.Message}",
            RunOutcome.KernelBug => $"invariant broken{at}: {cause?.What ?? result.Message}",
            RunOutcome.ComponentFaulted => $"fault{at}: {cause?.What ?? result.Message}",
            RunOutcome.StepLimit => $"step limit: {result.Message}",
            RunOutcome.SystemFailed => $"failed: {result.Message} ({result.Steps} steps)",
            _ => $"{Check(result.Outcome)}: {result.Message}",
        };
    }
}
