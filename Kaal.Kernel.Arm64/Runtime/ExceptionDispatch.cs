using System.Runtime;
using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Runtime;

/// <summary>
/// The runtime's exception and fail-fast entry points. Any reachable `throw` calls RhpThrowEx; with no
/// unwinder and no catch in kernel code, the only correct behaviour is to stop loudly.
/// </summary>
internal static class ExceptionDispatch
{
    [RuntimeExport("RhpThrowEx")]
    private static void ThrowException(object exception) => KernelPanic.Halt("managed exception thrown (kernel code must not throw)");

    [RuntimeExport("RhpRethrow")]
    private static void Rethrow() => KernelPanic.Halt("managed exception rethrown (kernel code must not throw)");

    [RuntimeExport("RhpFallbackFailFast")]
    private static void FallbackFailFast() => KernelPanic.Halt("runtime fail-fast");
}
