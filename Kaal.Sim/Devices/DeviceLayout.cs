using System;
using Kaal.Sdk.Manifest;

namespace Kaal.Sim.Devices;

/// <summary>
/// Where a platform's simulated devices sit and which of the Model's interrupt lines they raise: the numbers the
/// kernel port uses on that machine (Kaal.Kernel.Arm64 Port/Platform.cs and Port/Interrupts.cs), so a manifest
/// written for the board runs unchanged in the simulator.
/// </summary>
/// <param name="IrqCount">The Model's interrupt lines 0..IrqCount-1 (KernelConfig.IrqCount): every line the platform numbers.</param>
public sealed record DeviceLayout(ulong UartBaseAddr, uint UartIrq, uint PhysicalTimerIrq, uint IrqCount)
{
    /// <summary>QEMU virt: PL011 UART0 and its SPI 1 (INTID 33); the EL1 physical timer's PPI 14 (INTID 30); GIC INTIDs below 64.</summary>
    public static DeviceLayout QemuVirt { get; } = new(0x0900_0000, 33, 30, 64);

    /// <summary>QEMU raspi3b (BCM2837): the PL011 on GPU line 57; the EL1 physical timer's CNTPNSIRQ, source 1 of the
    /// BCM2836 per-core controller, which the kernel numbers 64 + source; lines 0..63 are the GPU's, 64..75 the 12 local sources.</summary>
    public static DeviceLayout QemuRaspi3b { get; } = new(0x3F20_1000, 57, 65, 76);

    /// <summary>QEMU raspi4b (BCM2711, GIC-400): the PL011 UART0 at 0xFE20_1000 on GIC SPI 121 (INTID 153); the EL1 physical
    /// timer's PPI 14 (INTID 30), as on virt; GIC INTIDs below 160.</summary>
    public static DeviceLayout QemuRaspi4b { get; } = new(0xFE20_1000, 153, 30, 160);

    /// <exception cref="ArgumentException">a platform the simulator has no device models for.</exception>
    public static DeviceLayout For(Platform platform) => platform switch
    {
        Platform.QemuVirt => QemuVirt,
        Platform.QemuRaspi3b => QemuRaspi3b,
        Platform.QemuRaspi4b => QemuRaspi4b,
        _ => throw new ArgumentException($"the simulator has no device models for platform {platform} (it models qemu-virt, qemu-raspi3b and qemu-raspi4b)"),
    };
}
