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
    /// <summary>CNTKCTL_EL1.EL0VCTEN: EL0 may read CNTVCT_EL0 and CNTFRQ_EL0 (the benchmarks' clock); the
    /// physical counter and both timers stay the kernel's.</summary>
    private const ulong El0ReadsVirtualCounter = 1 << 1;
    /// <summary>SCTLR_EL1: SA0 (EL0 stack-pointer alignment checked, as AAPCS64 requires 16 bytes), DZE
    /// (EL0 may use DC ZVA, which memset routines do), UCT (EL0 may read CTR_EL0, for cache line sizes).
    /// WFI/WFE stay trapped (nTWI = nTWE = 0): user code cannot stop the core.</summary>
    private const ulong UserControlBits = (1 << 4) | (1 << 14) | (1 << 15);

    private static UserResume* s_resume;
    private static Kaal.Model.Kernel? s_kernel;
    /// <summary>Core 0's scheduling state and the thread table's entries, read in place at every exit (the
    /// Model's tables never move: there is no GC).</summary>
    private static CoreState* s_core;
    private static Thread* s_threadEntries;
    /// <summary>The Model's register and FP/SIMD blocks of thread 0; thread t's follow at fixed strides.</summary>
    private static ulong* s_registerBlocks;
    private static ulong* s_fpBlocks;
    /// <summary>TPIDR_EL0 per thread-table entry, valid only for the generation stored beside it.</summary>
    private static ulong* s_threadPointers;
    private static uint* s_threadPointerGenerations;
    /// <summary>Where the FP/SIMD state and TPIDR_EL0 of a thread that no longer exists go.</summary>
    private static ulong* s_scratchFpState;
    private static ulong* s_scratchThreadPointer;
    /// <summary>The thread whose FP/SIMD state the CPU holds (Boot/vectors.S), if its generation still matches.</summary>
    private static uint s_fpOwner = Thread.None;
    private static uint s_fpOwnerGeneration;
    // What the exit path was last pointed at: while the thread, its VSpace root and the page tables
    // (UserPageTables.ChangeCount) are unchanged, so is its TTBR0 value.
    private static uint s_resumedThread = Thread.None;
    private static uint s_resumedGeneration;
    private static ObjectRef s_resumedVSpace;
    private static ulong s_resumedTableChanges = ulong.MaxValue;

    /// <summary>Before the root task's set-up issues its first syscall (which may map pages).</summary>
    internal static void Initialize()
    {
        Arch.DisableInterrupts(); // the Model is entered only with interrupts masked from here on
        if ((Arch.ReadMemoryModelFeatures() & AsidBitsField) != SixteenBitAsids)
        {
            KernelPanic.HaltWithValue("user space needs 16-bit ASIDs; ID_AA64MMFR0_EL1", Arch.ReadMemoryModelFeatures());
        }
        Kaal.Model.Kernel kernel = ResidentKernel.Instance;
        s_kernel = kernel;
        UserPageTables.Initialize(kernel.Objects.Capacity, PageTableCount);
        s_resume = Arch.UserResumeAddress();
        ThreadTable threads = kernel.Threads;
        fixed (CoreState* core = &kernel.Core(0))
        {
            s_core = core;
        }
        fixed (Thread* entries = &threads[0])
        {
            s_threadEntries = entries;
        }
        s_registerBlocks = AddressOf(ref threads.Register(0, 0));
        s_fpBlocks = AddressOf(ref threads.FpWord(0, 0));
        var threadPointers = new ulong[threads.Capacity];
        var threadPointerGenerations = new uint[threads.Capacity];
        s_threadPointers = AddressOf(ref threadPointers[0]);
        s_threadPointerGenerations = AddressOf(ref threadPointerGenerations[0]);
        var scratch = new ulong[UserContext.FpWordCount + 1];
        s_scratchFpState = AddressOf(ref scratch[0]);
        s_scratchThreadPointer = AddressOf(ref scratch[UserContext.FpWordCount]);
        Arch.WriteCounterKernelControl(El0ReadsVirtualCounter);
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
            if (entry->Generation == s_resumedGeneration && entry->VSpaceRoot.Object.SameAs(s_resumedVSpace) &&
                s_resumedTableChanges == UserPageTables.ChangeCount)
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
        Thread* entry = s_threadEntries + thread;
        if (thread != s_resumedThread || entry->Generation != s_resumedGeneration) SwitchThread(thread, entry->Generation);
        ObjectRef vspace = entry->VSpaceRoot.Object;
        s_resumedVSpace = vspace;
        s_resumedTableChanges = UserPageTables.ChangeCount;
        s_resume->TranslationBase = entry->VSpaceRoot.Type == CapType.VSpace && s_kernel!.Objects.IsLive(vspace)
            ? UserPageTables.TranslationBase(vspace.Index)
            : UserPageTables.EmptyTranslationBase;
    }

    /// <summary>Another thread (or a new TCB in the same entry) runs: point the exit path at its blocks and
    /// have it move TPIDR_EL0, which the previous thread keeps in the CPU until then (a new thread starts with
    /// 0; a previous thread that is gone has its value dropped). FP/SIMD access traps unless it is the owner.</summary>
    private static void SwitchThread(uint thread, uint generation)
    {
        s_resume->PreviousThreadPointer = IsLive(s_resumedThread, s_resumedGeneration) ? s_threadPointers + s_resumedThread : s_scratchThreadPointer;
        if (s_threadPointerGenerations[thread] != generation)
        {
            s_threadPointers[thread] = 0;
            s_threadPointerGenerations[thread] = generation;
        }
        s_resume->Registers = s_registerBlocks + thread * UserContext.RegisterCount;
        s_resume->FpState = s_fpBlocks + thread * UserContext.FpWordCount;
        s_resume->ThreadPointer = s_threadPointers + thread;
        s_resume->SwitchPending = 1;
        s_resume->FpOwned = thread == s_fpOwner && generation == s_fpOwnerGeneration ? 1UL : 0UL;
        s_resumedThread = thread;
        s_resumedGeneration = generation;
    }

    /// <summary>ThreadTable.IsLive, read in place; <see cref="Thread.None"/> is never live.</summary>
    private static bool IsLive(uint thread, uint generation) =>
        thread != Thread.None && s_threadEntries[thread].Generation == generation && !s_threadEntries[thread].Tcb.IsNone;

    /// <summary>
    /// The thread that just ran used FP/SIMD without owning the registers (its access trapped): the owner's
    /// state goes to its FP/SIMD block (or to scratch if it is gone), the thread's comes in, and it resumes at
    /// the trapped instruction as the owner. The Model is not involved: to it the registers never moved.
    /// </summary>
    internal static void TakeFpOwnership()
    {
        uint thread = s_resumedThread;
        ulong* previous = IsLive(s_fpOwner, s_fpOwnerGeneration) ? s_fpBlocks + s_fpOwner * UserContext.FpWordCount : s_scratchFpState;
        Arch.TakeOverFp(previous, s_fpBlocks + thread * UserContext.FpWordCount);
        s_fpOwner = thread;
        s_fpOwnerGeneration = s_resumedGeneration;
        s_resume->FpOwned = 1;
    }

    private static ulong* AddressOf(ref ulong first)
    {
        fixed (ulong* address = &first)
        {
            return address;
        }
    }

    private static uint* AddressOf(ref uint first)
    {
        fixed (uint* address = &first)
        {
            return address;
        }
    }
}
