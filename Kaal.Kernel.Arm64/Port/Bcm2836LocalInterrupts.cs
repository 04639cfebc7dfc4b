namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The BCM2836 ARM-local interrupt controller (also in the BCM2837 of a Raspberry Pi 3): each core's
/// generic-timer lines are routed and reported per core, each core has four mailboxes (a write sets bits, which
/// interrupt that core while its mailbox control enables them: the reschedule interrupt between cores uses
/// mailbox 0), and the GPU's peripheral interrupts arrive as one more source (routed to core 0 by default).
/// Level-triggered; there is no acknowledge: re-arming the timer, the device's own clear, or clearing the
/// mailbox removes the source. A timer source shows in the source register only while its bit in the core's
/// timer control register is set (the controller's mask).
/// </summary>
internal static class Bcm2836LocalInterrupts
{
    private const ulong TimerInterruptControl = 0x40;      // + 4 x core
    private const ulong MailboxInterruptControl = 0x50;    // + 4 x core
    private const ulong InterruptSource = 0x60;            // + 4 x core
    private const ulong MailboxZeroSet = 0x80;             // + 16 x core
    private const ulong MailboxZeroClear = 0xC0;           // + 16 x core (read: pending bits, write: clear them)
    /// <summary>Source numbers, the same bit in the timer control and the source register.</summary>
    internal const int PhysicalTimerSource = 1; // CNTPNSIRQ: the EL1 (non-secure) physical timer
    private const int VirtualTimerSource = 3;  // CNTVIRQ
    internal const uint PhysicalTimerBit = 1u << PhysicalTimerSource;
    internal const uint VirtualTimerBit = 1u << VirtualTimerSource;
    internal const uint MailboxZeroBit = 1u << 4;
    internal const uint GpuBit = 1u << 8;
    private const uint RescheduleMessage = 1;

    /// <summary>The calling core's tick and reschedule mailbox (core 0's physical timer bit is the Model's, left off).</summary>
    internal static void EnableCore(ulong baseAddress, int core)
    {
        Arch.MmioWrite32(baseAddress + TimerInterruptControl + (ulong)core * 4, VirtualTimerBit);
        Arch.MmioWrite32(baseAddress + MailboxInterruptControl + (ulong)core * 4, 1);
    }

    internal static void SendReschedule(ulong baseAddress, int core) =>
        Arch.MmioWrite32(baseAddress + MailboxZeroSet + (ulong)core * 16, RescheduleMessage);

    internal static void ClearReschedule(ulong baseAddress, int core) =>
        Arch.MmioWrite32(baseAddress + MailboxZeroClear + (ulong)core * 16, uint.MaxValue);

    /// <summary>Routes (or masks) the physical timer to core 0's IRQ, leaving the kernel's virtual timer as it is.</summary>
    internal static void SetPhysicalTimerEnabled(ulong baseAddress, bool enabled)
    {
        uint control = Arch.MmioRead32(baseAddress + TimerInterruptControl);
        control = enabled ? control | PhysicalTimerBit : control & ~PhysicalTimerBit;
        Arch.MmioWrite32(baseAddress + TimerInterruptControl, control);
    }

    internal static uint PendingSources(ulong baseAddress, int core) => Arch.MmioRead32(baseAddress + InterruptSource + (ulong)core * 4);
}
