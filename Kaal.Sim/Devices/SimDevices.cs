using System.Collections.Generic;
using Kaal.Model;

namespace Kaal.Sim.Devices;

/// <summary>
/// The platform's devices in a run and the clock they share. Devices never act on their own: the simulation
/// asks, between steps, which interrupt lines are asserted, and delivers those the kernel has enabled.
/// </summary>
public sealed class SimDevices(DeviceLayout layout)
{
    public Pl011Model Uart { get; } = new(layout.UartBaseAddr, layout.UartIrq);

    public GenericTimerModel Timer { get; } = new(layout.PhysicalTimerIrq);

    public ulong NowTicks { get; set; }

    /// <summary>Device memory the kernel is told about at boot (one untyped per device page).</summary>
    public static IReadOnlyList<BootRegion> Regions(DeviceLayout layout) => new[] { new BootRegion(layout.UartBaseAddr, Pl011Model.SizeBytes, true) };

    public void Reset()
    {
        Uart.Reset();
        Timer.Reset();
        NowTicks = 0;
    }
}
