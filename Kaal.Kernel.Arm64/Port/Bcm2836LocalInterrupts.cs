namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The BCM2836 ARM-local interrupt controller (also in the BCM2837 of a Raspberry Pi 3): each core's
/// generic-timer lines are routed and reported per core, and the GPU's peripheral interrupts arrive as
/// one more source (routed to core 0 by default). Only core 0 is used. Level-triggered; there is no
/// acknowledge: re-arming the timer, or the device's own clear, removes the source.
/// </summary>
internal static class Bcm2836LocalInterrupts
{
    private const ulong Core0TimerInterruptControl = 0x40;
    private const ulong Core0InterruptSource = 0x60;
    internal const uint VirtualTimerBit = 1u << 3; // CNTVIRQ, in both registers
    internal const uint GpuBit = 1u << 8;

    internal static void EnableVirtualTimer(ulong baseAddress) =>
        Arch.MmioWrite32(baseAddress + Core0TimerInterruptControl, VirtualTimerBit);

    internal static uint PendingSources(ulong baseAddress) => Arch.MmioRead32(baseAddress + Core0InterruptSource);
}
