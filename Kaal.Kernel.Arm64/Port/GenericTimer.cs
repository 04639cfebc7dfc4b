using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The ARM generic timer's EL1 virtual timer as the kernel tick: it fires every 1/TickHz seconds of the
/// counter, whose frequency is read from CNTFRQ_EL0 (set by firmware or QEMU; 62.5 MHz on QEMU 7.2,
/// 19.2 MHz on a Pi 3, 54 MHz on a Pi 4), never assumed.
/// </summary>
internal static class GenericTimer
{
    internal const ulong TickHz = 100;
    private const ulong ControlEnable = 1;

    private static ulong s_counterFrequencyHz;
    private static ulong s_ticksPerInterrupt;
    private static ulong s_tickCount;

    internal static ulong CounterFrequencyHz => s_counterFrequencyHz;

    /// <summary>Timer interrupts handled since <see cref="Start"/>.</summary>
    internal static ulong TickCount => s_tickCount;

    internal static void Start()
    {
        s_counterFrequencyHz = Arch.ReadCounterFrequencyHz();
        if (s_counterFrequencyHz < TickHz)
        {
            KernelPanic.HaltWithValue("timer: CNTFRQ_EL0 not set by firmware; Hz", s_counterFrequencyHz);
        }
        s_ticksPerInterrupt = s_counterFrequencyHz / TickHz;
        Arch.WriteVirtualTimerValue(s_ticksPerInterrupt);
        Arch.WriteVirtualTimerControl(ControlEnable);
    }

    /// <summary>Re-arms the timer (which deasserts its level-triggered line), counts the tick and hands
    /// it to the Model.</summary>
    internal static void OnInterrupt()
    {
        Arch.WriteVirtualTimerValue(s_ticksPerInterrupt);
        s_tickCount++;
        ResidentKernel.OnTick();
    }
}
