using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>The simulated machine: cores, RAM, and the kernel's table sizes.</summary>
public sealed record SimConfig(int CoreCount = 1, ulong RamBaseAddr = 0x4000_0000, ulong RamSizeBytes = 1UL << 20)
{
    public KernelConfig KernelConfig() => Model.KernelConfig.Default() with
    {
        ObjectCapacity = 256,
        SlotPoolOrder = 11,
        RootCNodeRadix = 7,
        IrqCount = 64,
        ThreadCapacity = 16,
        MappingCapacity = 64,
        CoreCount = CoreCount,
    };
}
