using System.Runtime.InteropServices;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The assembly functions of the port (Port/*.S, Boot/start.S), as managed code calls them. They are
/// leaf functions with the C calling convention, so no GC transition is needed around the call.
/// </summary>
internal static unsafe class Arch
{
    [DllImport("*", EntryPoint = "kaal_mmio_read32"), SuppressGCTransition]
    internal static extern uint MmioRead32(ulong address);

    [DllImport("*", EntryPoint = "kaal_mmio_write32"), SuppressGCTransition]
    internal static extern void MmioWrite32(ulong address, uint value);

    [DllImport("*", EntryPoint = "kaal_read_cntfrq_el0"), SuppressGCTransition]
    internal static extern ulong ReadCounterFrequencyHz();

    [DllImport("*", EntryPoint = "kaal_read_cntvct_el0"), SuppressGCTransition]
    internal static extern ulong ReadVirtualCounter();

    [DllImport("*", EntryPoint = "kaal_write_cntv_tval_el0"), SuppressGCTransition]
    internal static extern void WriteVirtualTimerValue(ulong counterTicks);

    [DllImport("*", EntryPoint = "kaal_write_cntv_ctl_el0"), SuppressGCTransition]
    internal static extern void WriteVirtualTimerControl(ulong control);

    [DllImport("*", EntryPoint = "kaal_irq_enable"), SuppressGCTransition]
    internal static extern void EnableInterrupts();

    [DllImport("*", EntryPoint = "kaal_irq_disable"), SuppressGCTransition]
    internal static extern void DisableInterrupts();

    [DllImport("*", EntryPoint = "kaal_wait_for_interrupt"), SuppressGCTransition]
    internal static extern void WaitForInterrupt();

    [DllImport("*", EntryPoint = "kaal_mmu_enable"), SuppressGCTransition]
    internal static extern void EnableMmu(ulong translationTableBase, ulong memoryAttributes, ulong translationControl);

    [DllImport("*", EntryPoint = "kaal_semihost_call"), SuppressGCTransition]
    internal static extern ulong SemihostCall(uint operation, ulong parameter);

    [DllImport("*", EntryPoint = "kaal_psci_call"), SuppressGCTransition]
    internal static extern ulong PsciCall(ulong function);

    [DllImport("*", EntryPoint = "kaal_halt_forever"), SuppressGCTransition]
    internal static extern void HaltForever();
}
