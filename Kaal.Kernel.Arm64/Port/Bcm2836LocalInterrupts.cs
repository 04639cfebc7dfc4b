namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The BCM2836 ARM-local interrupt controller (also in the BCM2837 of a Raspberry Pi 3): each core's
/// generic-timer lines are routed and reported per core, and the GPU's peripheral interrupts arrive as
/// one more source (routed to core 0 by default). Only core 0 is used. Level-triggered; there is no
/// acknowledge: re-arming the timer, or the device's own clear, removes the source. A timer source shows in
/// the source register only while its bit in the timer control register is set (the controller's mask).
/// </summary>
internal static class Bcm2836LocalInterrupts
{
    private const ulong Core0TimerInterruptControl = 0x40;
    private const ulong Core0InterruptSource = 0x60;
    /// <summary>Source numbers, the same bit in the timer control and the source register.</summary>
    internal const int PhysicalTimerSource = 1; // CNTPNSIRQ: the EL1 (non-secure) physical timer
    private const int VirtualTimerSource = 3;  // CNTVIRQ
    internal const uint PhysicalTimerBit = 1u << PhysicalTimerSource;
    internal const uint VirtualTimerBit = 1u << VirtualTimerSource;
    internal const uint GpuBit = 1u << 8;

    internal static void EnableVirtualTimer(ulong baseAddress) =>
        Arch.MmioWrite32(baseAddress + Core0TimerInterruptControl, VirtualTimerBit);

    /// <summary>Routes (or masks) the physical timer to core 0's IRQ, leaving the kernel's virtual timer as it is.</summary>
    internal static void SetPhysicalTimerEnabled(ulong baseAddress, bool enabled)
    {
        uint control = Arch.MmioRead32(baseAddress + Core0TimerInterruptControl);
        control = enabled ? control | PhysicalTimerBit : control & ~PhysicalTimerBit;
        Arch.MmioWrite32(baseAddress + Core0TimerInterruptControl, control);
    }

    internal static uint PendingSources(ulong baseAddress) => Arch.MmioRead32(baseAddress + Core0InterruptSource);
}
