using System;
using System.Runtime;

namespace Kaal.User.Arm64;

/// <summary>
/// "throw = the component faults" (docs/el0-components.md, "Exceptions"): there is no unwinder, so a throw prints the
/// component's name and the exception's message through DEBUG_PRINT and executes BRK, which the kernel hands to
/// the component's supervisor as a fault (the same path as a data abort). catch blocks compile but never run.
/// The type cannot be named (no reflection): the message says what failed.
/// </summary>
internal static class ExceptionDispatch
{
    [RuntimeExport("RhpThrowEx")]
    private static void ThrowException(object exception) =>
        UserFailure.Stop(UserFailure.ComponentName, "exception: " + (exception is Exception thrown ? thrown.Message : "(not an Exception)"));

    [RuntimeExport("RhpRethrow")]
    private static void Rethrow() => UserFailure.Stop(UserFailure.ComponentName, "exception rethrown (catch blocks never run at EL0)");

    [RuntimeExport("RhpFallbackFailFast")]
    private static void FallbackFailFast() => UserFailure.Stop(UserFailure.ComponentName, "runtime fail-fast");
}
