using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// IRQ routing for the platform's interrupt controller. The only source enabled is the tick (EL1
/// virtual timer); any other interrupt means the configuration is wrong, so it panics with its number.
/// </summary>
internal static class Interrupts
{
    /// <summary>The EL1 virtual timer's private interrupt on a GIC.</summary>
    private const uint VirtualTimerPpi = 27;

    internal static void Initialize(in Platform platform)
    {
        if (platform.InterruptController == InterruptControllerKind.GicV2)
        {
            GicV2.Initialize(platform.InterruptControllerBaseAddress, platform.GicCpuInterfaceAddress, VirtualTimerPpi);
        }
        else
        {
            Bcm2836LocalInterrupts.EnableVirtualTimer(platform.InterruptControllerBaseAddress);
        }
    }

    internal static void HandleIrq(in Platform platform)
    {
        if (platform.InterruptController == InterruptControllerKind.GicV2)
        {
            uint id = GicV2.Acknowledge(platform.GicCpuInterfaceAddress);
            if (id == GicV2.SpuriousId)
            {
                return;
            }
            if (id != VirtualTimerPpi)
            {
                KernelPanic.HaltWithValue("unexpected interrupt; GIC INTID", id);
            }
            GenericTimer.OnInterrupt();
            GicV2.EndOfInterrupt(platform.GicCpuInterfaceAddress, id);
            return;
        }
        uint sources = Bcm2836LocalInterrupts.PendingSources(platform.InterruptControllerBaseAddress);
        if (sources == 0)
        {
            return; // the line dropped before we looked: nothing to do
        }
        if (sources != Bcm2836LocalInterrupts.VirtualTimerBit)
        {
            KernelPanic.HaltWithValue("unexpected interrupt; BCM2836 core 0 sources", sources);
        }
        GenericTimer.OnInterrupt();
    }
}
