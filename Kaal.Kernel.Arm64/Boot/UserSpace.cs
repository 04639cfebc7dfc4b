using System.Runtime.CompilerServices;
using Kaal.Kernel.Arm64.Port;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// EL0 as the resident Model kernel runs it: the machine set-up user code needs, entering user space,
/// and after every kernel entry from EL0 the choice of what runs next (the Model's current thread of
/// core 0, after idling with interrupts let in if it has none), with its address space and thread pointer.
/// Inside the kernel interrupts stay masked (one kernel entry runs to completion, DESIGN decision 1);
/// user code runs with them unmasked, so the timer preempts it.
/// </summary>
internal static unsafe class UserSpace
{
    /// <summary>User page tables available: 1 MiB of the kernel heap.</summary>
    private const int PageTableCount = 256;
    /// <summary>ID_AA64MMFR0_EL1.ASIDBits: 2 means 16-bit ASIDs (Cortex-A53 and A72 have them).</summary>
    private const ulong AsidBitsField = 0xF << 4;
    private const ulong SixteenBitAsids = 2 << 4;
    /// <summary>CNTKCTL_EL1: EL0PCTEN and EL0VCTEN (EL0 may read CNTPCT_EL0, CNTVCT_EL0 and CNTFRQ_EL0: the
    /// benchmarks' clock, a driver's time base) and EL0PTEN (EL0 may program the EL1 physical timer, CNTP_*: the
    /// timer driver's, whose PPI reaches it only through an interrupt handler the Model granted). The virtual
    /// timer (EL0VTEN) stays the kernel's tick.</summary>
    private const ulong El0CounterAndPhysicalTimerAccess = (1 << 0) | (1 << 1) | (1 << 9);
    /// <summary>SCTLR_EL1: SA0 (EL0 stack-pointer alignment checked, as AAPCS64 requires 16 bytes), DZE
    /// (EL0 may use DC ZVA, which memset routines do), UCT (EL0 may read CTR_EL0, for cache line sizes).
    /// WFI/WFE stay trapped (nTWI = nTWE = 0): user code cannot stop the core.</summary>
    private const ulong UserControlBits = (1 << 4) | (1 << 14) | (1 << 15);
    /// <summary>CPACR_EL1.FPEN (bits 21:20): 0b11 lets EL0 and EL1 use FP/SIMD, 0b01 traps EL0's use only.</summary>
    private const ulong FpAccessEverywhere = 3 << 20;
    private const ulong FpAccessTrappedAtEl0 = 1 << 20;

    private static UserResume* s_resume;
    /// <summary>Core 0's scheduling state and the thread table's entries, read in place at every exit (the
    /// Model's tables never move: there is no GC).</summary>
    private static CoreState* s_core;
    private static Thread* s_threadEntries;
    private static ObjectTable? s_objects;
    /// <summary>One record per thread-table entry, and one for a thread that no longer exists.</summary>
    private static ThreadResume* s_threadRecords;
    private static ThreadResume* s_scratchRecord;
    /// <summary>The thread whose FP/SIMD state the CPU holds (Boot/vectors.S), if its generation still matches.</summary>
    private static uint s_fpOwner = Thread.None;
    private static uint s_fpOwnerGeneration;
    /// <summary>The thread the exit path was last pointed at.</summary>
    private static uint s_resumedThread = Thread.None;
    private static uint s_resumedGeneration;

    /// <summary>Before the root task's set-up issues its first syscall (which may map pages).</summary>
    internal static void Initialize()
    {
        Arch.DisableInterrupts(); // the Model is entered only with interrupts masked from here on
        if ((Arch.ReadMemoryModelFeatures() & AsidBitsField) != SixteenBitAsids)
        {
            KernelPanic.HaltWithValue("user space needs 16-bit ASIDs; ID_AA64MMFR0_EL1", Arch.ReadMemoryModelFeatures());
        }
        Kaal.Model.Kernel kernel = ResidentKernel.Instance;
        UserPageTables.Initialize(kernel.Objects.Capacity, PageTableCount);
        s_resume = Arch.UserResumeAddress();
        s_objects = kernel.Objects;
        ThreadTable threads = kernel.Threads;
        fixed (CoreState* core = &kernel.Core(0))
        {
            s_core = core;
        }
        fixed (Thread* entries = &threads[0])
        {
            s_threadEntries = entries;
        }
        // Records (and the scratch one at the end) are 8-byte words of a kernel-heap array, never freed.
        int recordWords = sizeof(ThreadResume) / sizeof(ulong);
        var records = new ulong[(threads.Capacity + 1) * (uint)recordWords];
        fixed (ulong* words = &records[0])
        {
            s_threadRecords = (ThreadResume*)words;
        }
        s_scratchRecord = s_threadRecords + threads.Capacity;
        var scratchFpState = new ulong[UserContext.FpWordCount];
        fixed (ulong* registers = &threads.Register(0, 0), fpState = &threads.FpWord(0, 0), scratch = &scratchFpState[0])
        {
            for (uint thread = 0; thread < threads.Capacity; thread++)
            {
                s_threadRecords[thread].Registers = registers + thread * UserContext.RegisterCount;
                s_threadRecords[thread].FpState = fpState + thread * UserContext.FpWordCount;
            }
            s_scratchRecord->FpState = scratch;
        }
        Arch.WriteCounterKernelControl(El0CounterAndPhysicalTimerAccess);
        Arch.WriteSystemControl(Arch.ReadSystemControl() | UserControlBits);
    }

    /// <summary>Runs the Model's current thread at EL0; never returns (the exception vectors take over).</summary>
    internal static void Enter()
    {
        PrepareResume();
        Arch.WriteVectorBase(Mmu.TrampolineVirtualAddress);
        Arch.EnterUserSpace(Mmu.TrampolineVirtualAddress);
    }

    /// <summary>
    /// Points the exit path at the thread the Model wants on core 0. Runs at every kernel exit, so the common
    /// case (the same thread, its VSpace and the page tables unchanged) only compares, in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void PrepareResume()
    {
        uint thread = s_core->Current;
        if (thread == s_resumedThread)
        {
            Thread* entry = s_threadEntries + thread;
            ThreadResume* record = s_resume->Current;
            if (entry->Generation == s_resumedGeneration && entry->VSpaceRoot.Object.SameAs(record->VSpace) &&
                record->TableChanges == UserPageTables.ChangeCount)
            {
                return;
            }
        }
        PrepareChangedResume();
    }

    /// <summary>Something changed since the last exit: the thread (or, with none runnable, wait for one), or
    /// its address space.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PrepareChangedResume()
    {
        uint thread = s_core->Current;
        while (thread == s_core->Idle)
        {
            // Interrupts are masked, so none is lost between the check and the WFI; the window lets it in.
            CpuIdle.WaitForInterrupt();
            Arch.OpenInterruptWindow();
            thread = s_core->Current;
        }
        // Locals, because a store through a pointer could, for all the compiler knows, change the statics.
        UserResume* resume = s_resume;
        ThreadResume* records = s_threadRecords;
        Thread* entry = s_threadEntries + thread;
        uint generation = entry->Generation;
        ThreadResume* record = records + thread;
        uint previous = s_resumedThread;
        if (thread != previous || generation != s_resumedGeneration)
        {
            // TPIDR_EL0 moves at the exit: the previous thread keeps it in the CPU until then. Its record is the
            // port's, so it may take the value even if the thread is gone (a new generation starts from 0), unless
            // the new thread is that entry's next generation.
            resume->Previous = previous != Thread.None && previous != thread ? records + previous : s_scratchRecord;
            if (record->Generation != generation)
            {
                record->Generation = generation;
                record->ThreadPointer = 0;
                record->TableChanges = ulong.MaxValue;
            }
            resume->Current = record;
            resume->ArchitecturalFeatureAccess = thread == s_fpOwner && generation == s_fpOwnerGeneration ? FpAccessEverywhere : FpAccessTrappedAtEl0;
            s_resumedThread = thread;
            s_resumedGeneration = generation;
        }
        ObjectRef vspace = entry->VSpaceRoot.Object;
        ulong tableChanges = UserPageTables.ChangeCount;
        if (!vspace.SameAs(record->VSpace) || record->TableChanges != tableChanges)
        {
            record->VSpace = vspace;
            record->TableChanges = tableChanges;
            record->TranslationBase = entry->VSpaceRoot.Type == CapType.VSpace && s_objects!.IsLive(vspace)
                ? UserPageTables.TranslationBase(vspace.Index)
                : UserPageTables.EmptyTranslationBase;
        }
    }

    /// <summary>ThreadTable.IsLive, read in place; <see cref="Thread.None"/> is never live.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLive(uint thread, uint generation) =>
        thread != Thread.None && s_threadEntries[thread].Generation == generation && !s_threadEntries[thread].Tcb.IsNone;

    /// <summary>
    /// The thread that just ran used FP/SIMD without owning the registers (its access trapped): the owner's
    /// state goes to its FP/SIMD block (or to scratch if it is gone), the thread's comes in, and it resumes at
    /// the trapped instruction as the owner. The Model is not involved: to it the registers never moved.
    /// </summary>
    internal static void TakeFpOwnership()
    {
        ThreadResume* previous = IsLive(s_fpOwner, s_fpOwnerGeneration) ? s_threadRecords + s_fpOwner : s_scratchRecord;
        Arch.TakeOverFp(previous->FpState, s_resume->Current->FpState);
        s_fpOwner = s_resumedThread;
        s_fpOwnerGeneration = s_resumedGeneration;
        s_resume->ArchitecturalFeatureAccess = FpAccessEverywhere;
    }
}
