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

    [DllImport("*", EntryPoint = "kaal_read_boot_entry_level"), SuppressGCTransition]
    internal static extern ulong BootEntryLevel();

    [DllImport("*", EntryPoint = "kaal_secondary_entry_address"), SuppressGCTransition]
    internal static extern ulong SecondaryEntryAddress();

    [DllImport("*", EntryPoint = "kaal_spin_table_release"), SuppressGCTransition]
    internal static extern void ReleaseFromSpinTable(ulong slotAddress, ulong entryAddress);

    [DllImport("*", EntryPoint = "kaal_ticket_lock_acquire"), SuppressGCTransition]
    internal static extern void AcquireTicketLock(uint* lockWord);

    [DllImport("*", EntryPoint = "kaal_ticket_lock_release"), SuppressGCTransition]
    internal static extern void ReleaseTicketLock(uint* lockWord);

    /// <summary>Returns once another core published a non-zero value in <paramref name="word"/> (Port/core_signal.S).</summary>
    [DllImport("*", EntryPoint = "kaal_wait_until_set"), SuppressGCTransition]
    internal static extern void WaitUntilSet(uint* word);

    [DllImport("*", EntryPoint = "kaal_publish"), SuppressGCTransition]
    internal static extern void Publish(uint* word, uint value);

    [DllImport("*", EntryPoint = "kaal_mmu_enable"), SuppressGCTransition]
    internal static extern void EnableMmu(ulong kernelTranslationBase, ulong trampolineTranslationBase, ulong memoryAttributes, ulong translationControl);

    [DllImport("*", EntryPoint = "kaal_irq_window"), SuppressGCTransition]
    internal static extern void OpenInterruptWindow();

    [DllImport("*", EntryPoint = "kaal_write_vbar_el1"), SuppressGCTransition]
    internal static extern void WriteVectorBase(ulong address);

    [DllImport("*", EntryPoint = "kaal_write_cntkctl_el1"), SuppressGCTransition]
    internal static extern void WriteCounterKernelControl(ulong value);

    [DllImport("*", EntryPoint = "kaal_read_id_aa64mmfr0_el1"), SuppressGCTransition]
    internal static extern ulong ReadMemoryModelFeatures();

    [DllImport("*", EntryPoint = "kaal_read_sctlr_el1"), SuppressGCTransition]
    internal static extern ulong ReadSystemControl();

    [DllImport("*", EntryPoint = "kaal_write_sctlr_el1"), SuppressGCTransition]
    internal static extern void WriteSystemControl(ulong value);

    [DllImport("*", EntryPoint = "kaal_tables_written"), SuppressGCTransition]
    internal static extern void PublishTableWrites();

    /// <summary>Makes code written to [address, address + bytes) through the data side visible to instruction fetch
    /// on every core (Port/code_sync.S).</summary>
    [DllImport("*", EntryPoint = "kaal_sync_code"), SuppressGCTransition]
    internal static extern void SynchronizeCode(ulong address, ulong bytes);

    [DllImport("*", EntryPoint = "kaal_tlb_invalidate_page"), SuppressGCTransition]
    internal static extern void InvalidateTlbPage(ulong asidAndPage);

    [DllImport("*", EntryPoint = "kaal_tlb_invalidate_asid"), SuppressGCTransition]
    internal static extern void InvalidateTlbAsid(ulong asidShifted);

    /// <summary>Stores the FP/SIMD owner's registers (all but q16/q17) into its block and loads the new owner's
    /// (Boot/vectors.S).</summary>
    [DllImport("*", EntryPoint = "kaal_fp_take_over"), SuppressGCTransition]
    internal static extern void TakeOverFp(ulong* previousOwnerBlock, ulong* newOwnerBlock);

    /// <summary>Stores the FP/SIMD owner's registers (all but q16/q17) into its block (Boot/vectors.S).</summary>
    [DllImport("*", EntryPoint = "kaal_fp_release"), SuppressGCTransition]
    internal static extern void ReleaseFp(ulong* ownerBlock);

    /// <summary>Stores TPIDR_EL0 (the last thread's, still in this core) at <paramref name="threadPointer"/> (Boot/vectors.S).</summary>
    [DllImport("*", EntryPoint = "kaal_thread_pointer_release"), SuppressGCTransition]
    internal static extern void ReleaseThreadPointer(ulong* threadPointer);

    /// <summary>The core's <see cref="UserResume"/>, at the top of its kernel stack (Boot/start.S).</summary>
    [DllImport("*", EntryPoint = "kaal_core_resume_address"), SuppressGCTransition]
    internal static extern UserResume* CoreResumeAddress(ulong core);

    /// <summary>Leaves the kernel for the thread this core's <see cref="UserResume"/> names, releasing the big
    /// kernel lock on the way out; never returns.</summary>
    [DllImport("*", EntryPoint = "kaal_user_enter"), SuppressGCTransition]
    internal static extern void EnterUserSpace(ulong trampolineVirtualAddress, UserResume* coreResume);

    /// <summary>This core's index (MPIDR_EL1.Aff0 on virt and the BCM283x).</summary>
    [DllImport("*", EntryPoint = "kaal_current_core"), SuppressGCTransition]
    internal static extern int CurrentCore();

    [DllImport("*", EntryPoint = "kaal_semihost_call"), SuppressGCTransition]
    internal static extern ulong SemihostCall(uint operation, ulong parameter);

    [DllImport("*", EntryPoint = "kaal_psci_call"), SuppressGCTransition]
    internal static extern ulong PsciCall(ulong function);

    /// <summary>The same HVC with three arguments in x1-x3 (CPU_ON).</summary>
    [DllImport("*", EntryPoint = "kaal_psci_call"), SuppressGCTransition]
    internal static extern ulong PsciCall(ulong function, ulong first, ulong second, ulong third);

    [DllImport("*", EntryPoint = "kaal_halt_forever"), SuppressGCTransition]
    internal static extern void HaltForever();
}
