using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// IRQ routing for the platform's interrupt controller. The kernel's tick (the EL1 virtual timer) is
/// handled here; every other interrupt is a device line for the Model (<see cref="ResidentKernel.OnDeviceInterrupt"/>),
/// which masks it until the driver acknowledges it. The Model's interrupt numbers are the GIC INTIDs on
/// virt (e.g. 33 = PL011, 30 = EL1 physical timer) and on raspi3b the BCM2835 GPU lines 0-63 (e.g. 57 = PL011)
/// followed by the BCM2836 local sources from 64 (64 + 1 = 65, the EL1 physical timer: a driver's, like PPI 30 on
/// virt). The tick's line is the kernel's: enabling or masking it for the Model does nothing, so it can never stop the clock.
/// </summary>
internal static class Interrupts
{
    /// <summary>The EL1 virtual timer's private interrupt on a GIC.</summary>
    private const uint VirtualTimerPpi = 27;
    /// <summary>raspi3b: the first Model number after the GPU lines is the BCM2836 local source 0.</summary>
    private const uint FirstLocalSourceLine = Bcm2835Interrupts.LineCount;
    /// <summary>raspi3b: the EL1 physical timer in the Model's numbering.</summary>
    private const uint PhysicalTimerLine = FirstLocalSourceLine + Bcm2836LocalInterrupts.PhysicalTimerSource;

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

    /// <summary>Unmasks or masks a Model interrupt line at the controller (IMachinePort.SetIrqEnabled).</summary>
    internal static void SetLineEnabled(in Platform platform, uint line, bool enabled)
    {
        if (platform.InterruptController == InterruptControllerKind.GicV2)
        {
            if (line != VirtualTimerPpi)
            {
                GicV2.SetLineEnabled(platform.InterruptControllerBaseAddress, line, enabled);
            }
            return;
        }
        if (line < Bcm2835Interrupts.LineCount)
        {
            Bcm2835Interrupts.SetLineEnabled(platform.PeripheralInterruptControllerAddress, line, enabled);
        }
        else if (line == PhysicalTimerLine)
        {
            Bcm2836LocalInterrupts.SetPhysicalTimerEnabled(platform.InterruptControllerBaseAddress, enabled);
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
            if (id == VirtualTimerPpi)
            {
                GenericTimer.OnInterrupt();
            }
            else
            {
                ResidentKernel.OnDeviceInterrupt(id);
            }
            GicV2.EndOfInterrupt(platform.GicCpuInterfaceAddress, id);
            return;
        }
        uint sources = Bcm2836LocalInterrupts.PendingSources(platform.InterruptControllerBaseAddress);
        const uint handledSources = Bcm2836LocalInterrupts.VirtualTimerBit | Bcm2836LocalInterrupts.PhysicalTimerBit | Bcm2836LocalInterrupts.GpuBit;
        if ((sources & ~handledSources) != 0)
        {
            KernelPanic.HaltWithValue("unexpected interrupt; BCM2836 core 0 sources", sources);
        }
        if ((sources & Bcm2836LocalInterrupts.VirtualTimerBit) != 0)
        {
            GenericTimer.OnInterrupt();
        }
        // Only while the Model has the line enabled: the controller masks the source otherwise.
        if ((sources & Bcm2836LocalInterrupts.PhysicalTimerBit) != 0)
        {
            ResidentKernel.OnDeviceInterrupt(PhysicalTimerLine);
        }
        if ((sources & Bcm2836LocalInterrupts.GpuBit) != 0)
        {
            ulong pending = Bcm2835Interrupts.PendingLines(platform.PeripheralInterruptControllerAddress);
            for (uint line = 0; line < Bcm2835Interrupts.LineCount; line++)
            {
                if ((pending >> (int)line & 1) != 0)
                {
                    ResidentKernel.OnDeviceInterrupt(line);
                }
            }
        }
        // A source that dropped before it was read leaves nothing to do.
    }
}
