using Kaal.Model;
using Kaal.Sim.Devices;

namespace Kaal.Sim.Runtime;

/// <summary>The simulated machine: cores, RAM, and the kernel's table sizes.</summary>
public sealed record SimConfig(int CoreCount = 1, ulong RamBaseAddr = 0x4000_0000, ulong RamSizeBytes = 1UL << 20)
{
    public uint ObjectCapacity { get; init; } = 256;

    public int SlotPoolOrder { get; init; } = 11;

    public int RootCNodeRadix { get; init; } = 7;

    public uint ThreadCapacity { get; init; } = 16;

    public uint MappingCapacity { get; init; } = 64;

    /// <summary>Whether the platform's devices (<see cref="SimDevices.Regions"/>) are handed to the kernel at boot.</summary>
    public bool WithDevices { get; init; }

    /// <summary>The platform's device addresses and interrupt lines (also the Model's line count).</summary>
    public DeviceLayout DeviceLayout { get; init; } = DeviceLayout.QemuVirt;

    public KernelConfig KernelConfig() => Model.KernelConfig.Default() with
    {
        ObjectCapacity = ObjectCapacity,
        SlotPoolOrder = SlotPoolOrder,
        RootCNodeRadix = RootCNodeRadix,
        IrqCount = DeviceLayout.IrqCount,
        ThreadCapacity = ThreadCapacity,
        MappingCapacity = MappingCapacity,
        CoreCount = CoreCount,
    };
}
