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

    public int Count => 3;

    public string Name(int index) => index == 0 ? "ARM64_TIMER_TICKS" : index == 1 ? "ARM64_IDENTITY_MAP" : "ARM64_BIG_KERNEL_LOCK";

    public ushort Run(int index) => (index == 0 ? TimerTicks() : index == 1 ? IdentityMap() : BigKernelLockBalances()) ? (ushort)0 : (ushort)1;

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

    /// <summary>
    /// The big kernel lock's bookkeeping: the self-test runs outside the kernel, so this core does not hold it; taking
    /// it makes this core the holder with exactly one acquisition outstanding (every other core is outside the
    /// kernel then, since the lock excludes them); releasing it leaves none held by this core. And every kernel entry
    /// takes it: while this core waits for timer ticks (each an entry that takes the lock here, as the kernel-mode IRQ
    /// path does on a core that does not hold it), acquisitions grow at least by the ticks seen.
    /// </summary>
    private static bool BigKernelLockBalances()
    {
        if (BigKernelLock.HeldByThisCore) return false;
        BigKernelLock.Acquire();
        bool heldInside = BigKernelLock.HeldByThisCore && BigKernelLock.Outstanding == 1;
        BigKernelLock.Release();
        if (!heldInside || BigKernelLock.HeldByThisCore) return false;
        ulong acquisitionsBefore = BigKernelLock.Acquisitions;
        ulong ticksBefore = GenericTimer.TickCount;
        if (!TimerTicks()) return false;
        return BigKernelLock.Acquisitions - acquisitionsBefore >= GenericTimer.TickCount - ticksBefore;
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
