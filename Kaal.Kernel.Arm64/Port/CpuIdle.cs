namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// Waiting for an interrupt, with the counter time spent waiting accounted. Under QEMU
/// -icount ...,sleep=off an idle CPU jumps virtual time to the next timer deadline, so idle time must be
/// subtracted from counter readings to get instructions executed (see BootFigures).
/// </summary>
internal static class CpuIdle
{
    private static ulong s_idleCounterTicks;

    internal static ulong IdleCounterTicks => s_idleCounterTicks;

    internal static void WaitForInterrupt()
    {
        ulong before = Arch.ReadVirtualCounter();
        Arch.WaitForInterrupt();
        s_idleCounterTicks += Arch.ReadVirtualCounter() - before;
    }
}
