using Kaal.Kernel.Arm64.Port;
using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>Variant "panic-test": one scenario that reads an unmapped address. The data abort must reach
/// the panic path (fault registers printed, non-zero exit); the scenario "failing" means it did not.</summary>
internal readonly unsafe struct VariantScenarios : IScenarioSource
{
    internal static bool IncludesStandardScenarios => false;

    public int Count => 1;

    public string Name(int index) => "ARM64_DATA_ABORT_PANICS";

    public ushort Run(int index)
    {
        if (Mmu.IsMapped(Machine.Platform, PortScenarios.UnmappedProbeAddress))
        {
            return 1; // the probe is mapped: the scenario cannot show anything
        }
        ulong value = *(ulong*)PortScenarios.UnmappedProbeAddress;
        KernelConsole.Write("read from an unmapped address returned ");
        KernelConsole.WriteHex(value);
        KernelConsole.WriteLine();
        return 2; // the read did not fault
    }
}
