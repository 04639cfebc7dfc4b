using Kaal.Kernel.Arm64.Port;
using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>Variant "panic-test": one scenario that reads an unmapped address. The data abort must reach
/// the panic path (fault registers printed, non-zero exit); the scenario "failing" means it did not.</summary>
internal readonly unsafe struct VariantScenarios : IScenarioSource
{
    internal const bool IncludesStandardScenarios = false;

    public int Count => 1;

    public string Name(int index) => "ARM64_DATA_ABORT_PANICS";

    public bool Run(int index)
    {
        if (Mmu.IsMapped(Machine.Platform, PortScenarios.UnmappedProbeAddress))
        {
            return false;
        }
        ulong value = *(ulong*)PortScenarios.UnmappedProbeAddress;
        KernelConsole.Write("read from an unmapped address returned ");
        KernelConsole.WriteHex(value);
        KernelConsole.WriteLine();
        return false;
    }
}
