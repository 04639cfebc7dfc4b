using System.Runtime;
using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Runtime;

/// <summary>
/// Interface calls ILC cannot devirtualize go through a dispatch cell whose first target is this symbol.
/// Kernel code avoids them by design (sealed classes, and generics over structs, which ILC specializes),
/// so reaching it is a bug: panic instead of resolving the call.
/// </summary>
internal static class InterfaceDispatch
{
    [RuntimeExport("RhpInitialDynamicInterfaceDispatch")]
    private static void InitialDynamicInterfaceDispatch() =>
        KernelPanic.Halt("interface dispatch through a cell (use a struct-constrained generic or a sealed class)");
}
