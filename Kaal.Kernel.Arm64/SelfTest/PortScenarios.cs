using Kaal.Kernel.Arm64.Port;

namespace Kaal.Kernel.Arm64.SelfTest;

/// <summary>Scenarios that check the machine port itself on the real instruction set.</summary>
internal readonly struct PortScenarios : IScenarioSource
{
    /// <summary>Ticks the timer test waits for, and its deadline in counter time (far above 3 ticks at 100 Hz).</summary>
    private const ulong TicksToObserve = 3;
    private const ulong DeadlineMilliseconds = 1000;
    /// <summary>Above both platforms' identity maps: must fault if touched.</summary>
    internal const ulong UnmappedProbeAddress = 0xF000_0000;

    public int Count => 2;

    public string Name(int index) => index == 0 ? "ARM64_TIMER_TICKS" : "ARM64_IDENTITY_MAP";

    public ushort Run(int index) => (index == 0 ? TimerTicks() : IdentityMap()) ? (ushort)0 : (ushort)1;

    /// <summary>The generic timer interrupts, through the platform's controller, reach the tick handler.</summary>
    private static bool TimerTicks()
    {
        ulong startTicks = GenericTimer.TickCount;
        ulong deadlineCounter = Arch.ReadVirtualCounter() + GenericTimer.CounterFrequencyHz * DeadlineMilliseconds / 1000;
        while (GenericTimer.TickCount - startTicks < TicksToObserve && Arch.ReadVirtualCounter() < deadlineCounter)
        {
            CpuIdle.WaitForInterrupt();
        }
        return GenericTimer.TickCount - startTicks >= TicksToObserve;
    }

    /// <summary>The map covers the UART and the kernel's RAM and leaves the probe address unmapped.</summary>
    private static bool IdentityMap()
    {
        ref readonly Platform platform = ref Machine.Platform;
        return Mmu.IsMapped(platform, platform.UartBaseAddress)
            && Mmu.IsMapped(platform, platform.Ram.BaseAddress)
            && !Mmu.IsMapped(platform, UnmappedProbeAddress);
    }
}
