using System;
using System.Text;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;

namespace Kaal.Sim.Runtime;

/// <summary>How an exception thrown by component code is reported: by its type and message, with its stack trace in
/// the report, so the author sees where it came from. The SDK's own failures (an assertion, a set-up failure) carry
/// their component and meaning in their message already.</summary>
public sealed partial class Simulation
{
    private static bool IsSdkFailure(Exception failure) => failure is ComponentAssertionException or ComponentSetupException;

    private static string FailureMessage(SimThread sim) => sim.Failure switch
    {
        null => $"{sim.Name} failed",
        Exception failure when IsSdkFailure(failure) => failure.Message,
        Exception failure => $"{sim.Name} threw {failure.GetType().FullName}: {failure.Message}",
    };

    /// <summary>Every exception a component threw in this run, with its stack trace ("" when none).</summary>
    private string ComponentExceptions()
    {
        var text = new StringBuilder();
        foreach (SimThread thread in _threads)
        {
            if (thread.Status != SimThreadStatus.Failed || thread.Failure is null || IsSdkFailure(thread.Failure) || thread.Failure is MemoryFaultException) continue;
            text.Append("  ").Append(thread.Name).Append(" threw ").AppendLine(thread.Failure.ToString().Replace("\n", "\n  ", StringComparison.Ordinal));
        }
        return text.ToString();
    }
}
