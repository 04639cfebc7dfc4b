namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// Waiting for an interrupt, with the counter time the boot core spends waiting accounted. Under QEMU
/// -icount ...,sleep=off an idle CPU jumps virtual time to the next timer deadline, so idle time must be
/// subtracted from counter readings to get instructions executed (see BootFigures); the figures are the boot
/// core's, so only its waits count.
/// </summary>
internal static class CpuIdle
{
    private static ulong s_idleCounterTicks;

    internal static ulong IdleCounterTicks => s_idleCounterTicks;

    internal static void WaitForInterrupt()
    {
        ulong before = Arch.ReadVirtualCounter();
        Arch.WaitForInterrupt();
        if (Arch.CurrentCore() == 0) s_idleCounterTicks += Arch.ReadVirtualCounter() - before;
    }

    /// <summary>
    /// One turn of a kernel idle loop, entered and left holding the big kernel lock with interrupts masked: the
    /// lock is released while the core waits (so other cores can enter the kernel and give it work), and the
    /// interrupt that ends the wait is taken under the lock again, in the window. Masked interrupts still end a
    /// WFI, so none that arrives between the release and the WFI is lost.
    /// </summary>
    internal static void WaitOutsideTheKernel()
    {
        BigKernelLock.Release();
        WaitForInterrupt();
        BigKernelLock.Acquire();
        Arch.OpenInterruptWindow();
    }
}
