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

    /// <summary>The boot core's timer interrupts handled since <see cref="Start"/>.</summary>
    internal static ulong TickCount => s_tickCount;

    /// <summary>The boot core: reads the frequency and starts its own tick.</summary>
    internal static void Start()
    {
        s_counterFrequencyHz = Arch.ReadCounterFrequencyHz();
        if (s_counterFrequencyHz < TickHz)
        {
            KernelPanic.HaltWithValue("timer: CNTFRQ_EL0 not set by firmware; Hz", s_counterFrequencyHz);
        }
        s_ticksPerInterrupt = s_counterFrequencyHz / TickHz;
        StartThisCore();
    }

    /// <summary>The calling core's own virtual timer (every core has one), after <see cref="Start"/>.</summary>
    internal static void StartThisCore()
    {
        Arch.WriteVirtualTimerValue(s_ticksPerInterrupt);
        Arch.WriteVirtualTimerControl(ControlEnable);
    }

    /// <summary>Re-arms this core's timer (which deasserts its level-triggered line), counts the boot core's ticks
    /// (the figure) and hands the tick to the Model's scheduler of <paramref name="core"/>.</summary>
    internal static void OnInterrupt(int core)
    {
        Arch.WriteVirtualTimerValue(s_ticksPerInterrupt);
        if (core == 0) s_tickCount++;
        ResidentKernel.OnTick(core);
    }
}
