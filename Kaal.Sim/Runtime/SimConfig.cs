using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>The simulated machine: cores, RAM, and the kernel's table sizes.</summary>
public sealed record SimConfig(int CoreCount = 1, ulong RamBaseAddr = 0x4000_0000, ulong RamSizeBytes = 1UL << 20)
{
    public uint ObjectCapacity { get; init; } = 256;

    public int SlotPoolOrder { get; init; } = 11;

    public int RootCNodeRadix { get; init; } = 7;

    public uint ThreadCapacity { get; init; } = 16;

    public uint MappingCapacity { get; init; } = 64;

    /// <summary>Whether the platform's devices (<see cref="Devices.SimDevices.Regions"/>) are handed to the kernel at boot.</summary>
    public bool WithDevices { get; init; }

    public KernelConfig KernelConfig() => Model.KernelConfig.Default() with
    {
        ObjectCapacity = ObjectCapacity,
        SlotPoolOrder = SlotPoolOrder,
        RootCNodeRadix = RootCNodeRadix,
        IrqCount = 64,
        ThreadCapacity = ThreadCapacity,
        MappingCapacity = MappingCapacity,
        CoreCount = CoreCount,
    };
}
