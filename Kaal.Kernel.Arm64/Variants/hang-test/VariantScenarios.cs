using Kaal.Kernel.Arm64.Port;
using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>Variant "hang-test": one scenario that spins until the host sends a byte on the console UART.
/// Left alone it hangs (the HIL harness must report the hang with the CPU's registers); a harness that sends
/// a byte makes it pass, which gives fault-injection tests a guest that waits for them at a known point
/// instead of racing them (pause, reset and memory reads happen while the guest is in this loop).</summary>
internal readonly struct VariantScenarios : IScenarioSource
{
    internal static bool IncludesStandardScenarios => false;

    public int Count => 1;

    public string Name(int index) => "WAITS_FOR_HOST_BYTE";

    public ushort Run(int index)
    {
        byte received;
        while (!KernelConsole.TryRead(out received))
        {
        }
        return 0;
    }
}
