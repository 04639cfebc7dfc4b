using Kaal.Kernel.Arm64.Port;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// Counter readings for the closing figures. Under QEMU -icount shift=0 virtual time advances 1 ns per
/// guest instruction from reset, so (counter ticks - idle ticks) * 1e9 / CNTFRQ = instructions executed
/// (to within the counter's resolution, 16 instructions at 62.5 MHz). scripts/figures.sh does the arithmetic.
/// </summary>
internal static class BootFigures
{
    private static ulong s_firstLineCounter;

    internal static void RecordFirstLine(ulong counter) => s_firstLineCounter = counter;

    internal static void Print()
    {
        ulong endCounter = Arch.ReadVirtualCounter();
        KernelConsole.Write("kaal-figures: counter_hz=");
        KernelConsole.WriteDecimal(GenericTimer.CounterFrequencyHz);
        KernelConsole.Write(" first_line_counter=");
        KernelConsole.WriteDecimal(s_firstLineCounter);
        KernelConsole.Write(" end_counter=");
        KernelConsole.WriteDecimal(endCounter);
        KernelConsole.Write(" idle_counter=");
        KernelConsole.WriteDecimal(CpuIdle.IdleCounterTicks);
        KernelConsole.Write(" heap_used_bytes=");
        KernelConsole.WriteDecimal(Runtime.KernelHeap.UsedBytes);
        KernelConsole.Write(" ticks=");
        KernelConsole.WriteDecimal(GenericTimer.TickCount);
        KernelConsole.Write(" user_page_tables=");
        KernelConsole.WriteDecimal((ulong)PageTablePool.UsedCount);
        KernelConsole.Write(" cores_online=");
        KernelConsole.WriteDecimal(SecondaryCores.Online);
        KernelConsole.Write(" all_cores_online_counter=");
        KernelConsole.WriteDecimal(SecondaryCores.AllOnlineCounter);
        KernelConsole.Write(" device_interrupts_by_core=");
        for (int core = 0; core < (int)SecondaryCores.Online; core++)
        {
            if (core > 0) KernelConsole.WriteChar(',');
            KernelConsole.WriteDecimal(Interrupts.DeviceInterruptsOn(core));
        }
        KernelConsole.Write(" code_sync_pages_set_up=");
        KernelConsole.WriteDecimal(ExecutableFrames.PagesAtSetUp);
        KernelConsole.Write(" code_sync_pages_user=");
        KernelConsole.WriteDecimal(ExecutableFrames.PagesFromUserSpace);
        // The big kernel lock's entry/exit balance: 1 outstanding when printed from inside the kernel (SHUTDOWN).
        KernelConsole.Write(" bkl_acquisitions=");
        KernelConsole.WriteDecimal(BigKernelLock.Acquisitions);
        KernelConsole.Write(" bkl_outstanding=");
        KernelConsole.WriteDecimal(BigKernelLock.Outstanding);
        KernelConsole.WriteLine();
    }
}
