using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>What a failed Kaal.Model assertion does on bare metal: a kernel panic naming the site.</summary>
internal static unsafe class ModelAssertionHook
{
    internal static void Install() => KernelAssert.InstallPanicHook(&OnAssertionFailed);

    private static void OnAssertionFailed(AssertionSite site, ulong detail)
    {
        Port.KernelConsole.Write("Kaal.Model assertion failed at site ");
        Port.KernelConsole.WriteDecimal((ulong)site);
        Port.KernelConsole.Write(", detail ");
        Port.KernelConsole.WriteHex(detail);
        Port.KernelConsole.WriteLine();
        KernelPanic.Halt("Kaal.Model assertion");
    }
}
