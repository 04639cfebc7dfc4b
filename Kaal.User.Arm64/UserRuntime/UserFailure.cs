using Kaal.Kernel.Arm64.Boot;

namespace Kaal.User.Arm64;

/// <summary>How a component stops when it cannot go on: one DEBUG_PRINT line naming it and the reason, then BRK,
/// which the kernel reports like any user fault (to the component's supervisor, or on the console).</summary>
internal static class UserFailure
{
    /// <summary>Who is running, for failure lines printed where no Sys is at hand (heap exhaustion, a throw).</summary>
    internal static string ComponentName = "el0";

    internal static void Stop(string component, string reason) => KernelPanic.Halt(component + ": " + reason);
}
