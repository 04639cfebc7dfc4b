using System;
using System.Text;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;

namespace Kaal.Sim.Runtime;

/// <summary>What a failed run's threads say about it: whether a component's assertion failed or it faulted (else the
/// kernel is to blame), which component and step caused it, and every exception component code threw, by its type and
/// message with its stack trace, so the author sees where it came from. The SDK's own failures (an assertion, a set-up
/// failure) carry their component and meaning in their message already.</summary>
internal sealed class FailureReport(SimState state)
{
    public RunOutcome Classify()
    {
        foreach (SimThread thread in state.Threads.All)
        {
            if (thread.Status == SimThreadStatus.Failed)
            {
                return thread.Failure is ComponentAssertionException ? RunOutcome.AssertionFailed : RunOutcome.ComponentFaulted;
            }
        }
        return state.Machine.UnhandledFaults.Count > 0 ? RunOutcome.ComponentFaulted : RunOutcome.KernelBug;
    }

    /// <summary>The step and the component whose failure ended the run (none for the kernel's own), and for an
    /// assertion its check's own words.</summary>
    public RunCause Cause(int step, string failure)
    {
        foreach (SimThread thread in state.Threads.All)
        {
            if (thread.Status is not (SimThreadStatus.Failed or SimThreadStatus.Faulted)) continue;
            return new RunCause(step, thread.Name, "", thread.Failure is ComponentAssertionException assertion ? assertion.Check : failure);
        }
        return new RunCause(step, "", "", failure);
    }

    private static bool IsSdkFailure(Exception failure) => failure is ComponentAssertionException or ComponentSetupException;

    public static string FailureMessage(SimThread sim) => sim.Failure switch
    {
        null => $"{sim.Name} failed",
        Exception failure when IsSdkFailure(failure) => failure.Message,
        Exception failure => $"{sim.Name} threw {failure.GetType().FullName}: {failure.Message}",
    };

    /// <summary>Every exception a component threw in this run, with its stack trace ("" when none).</summary>
    public string ComponentExceptions()
    {
        var text = new StringBuilder();
        foreach (SimThread thread in state.Threads.All)
        {
            if (thread.Status != SimThreadStatus.Failed || thread.Failure is null || IsSdkFailure(thread.Failure) || thread.Failure is MemoryFaultException) continue;
            text.Append("  ").Append(thread.Name).Append(" threw ").AppendLine(thread.Failure.ToString().Replace("\n", "\n  ", StringComparison.Ordinal));
        }
        return text.ToString();
    }
}
