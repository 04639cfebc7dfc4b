using System.Collections.Generic;
using Kaal.Model;

namespace Kaal.Sim.Devices;

/// <summary>
/// The platform's devices in a run and the clock they share. Devices never act on their own: the simulation
/// asks, between steps, which interrupt lines are asserted, and delivers those the kernel has enabled.
/// </summary>
public sealed class SimDevices
{
    /// <summary>QEMU virt: PL011 UART0 and its SPI 1 (INTID 33); the EL1 physical timer's PPI 14 (INTID 30).</summary>
    public const ulong VirtUartBaseAddr = 0x0900_0000;
    public const uint VirtUartIrq = 33;
    public const uint PhysicalTimerIrq = 30;

    public Pl011Model Uart { get; } = new(VirtUartBaseAddr, VirtUartIrq);

    public GenericTimerModel Timer { get; } = new(PhysicalTimerIrq);

    public ulong NowTicks { get; set; }

    /// <summary>Device memory the kernel is told about at boot (one untyped per device page).</summary>
    public static IReadOnlyList<BootRegion> Regions { get; } = new[] { new BootRegion(VirtUartBaseAddr, Pl011Model.SizeBytes, true) };

    public void Reset()
    {
        Uart.Reset();
        Timer.Reset();
        NowTicks = 0;
    }
}
