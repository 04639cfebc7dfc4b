using Xunit;

namespace Kaal.Model.Tests;

/// <summary>
/// The assertions every direct-call test harness makes about a KernelResult, then the capability
/// invariants. (Scheduler invariants hold only at the end of a kernel entry, after scheduling: direct
/// calls are not kernel entries, so the syscall tests check those.)
/// </summary>
internal static class ResultAssert
{
    public static void Ok(Kernel kernel, in KernelResult result)
    {
        Assert.True(result.IsOk, $"expected Ok, got {result.Error} ({result.Reason})");
        CapabilityInvariantsHold(kernel);
    }

    public static void Fails(Kernel kernel, in KernelResult result, KernelError error, ErrorReason reason)
    {
        Assert.Equal(error, result.Error);
        Assert.Equal(reason, result.Reason);
        CapabilityInvariantsHold(kernel);
    }

    public static void CapabilityInvariantsHold(Kernel kernel)
    {
        InvariantViolation violation = kernel.CheckInvariants();
        Assert.True(violation.IsNone, $"invariant broken: {violation.Kind} at {violation.Slot} / {violation.Other}");
    }
}
