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
    /// <summary>The Model's register and FP/SIMD blocks of thread 0; thread t's follow at fixed strides
    /// (the tables never move: there is no GC).</summary>
    private static ulong* s_registerBlocks;
    private static ulong* s_fpBlocks;
    /// <summary>TPIDR_EL0 per thread-table entry, valid only for the generation stored beside it.</summary>
    private static ulong* s_threadPointers;
    private static uint* s_threadPointerGenerations;
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
        UserPageTables.Initialize(kernel.Objects.Capacity, PageTableCount);
        s_resume = Arch.UserResumeAddress();
        ThreadTable threads = kernel.Threads;
        s_registerBlocks = AddressOf(ref threads.Register(0, 0));
        s_fpBlocks = AddressOf(ref threads.FpWord(0, 0));
        var threadPointers = new ulong[threads.Capacity];
        var threadPointerGenerations = new uint[threads.Capacity];
        s_threadPointers = AddressOf(ref threadPointers[0]);
        s_threadPointerGenerations = AddressOf(ref threadPointerGenerations[0]);
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
    /// Points the exit path at the thread the Model wants on core 0. With none runnable the core waits for
    /// an interrupt (masked, so none is lost between the check and the WFI), lets it in, and looks again.
    /// Runs at every kernel exit, so the common case (same thread, nothing remapped) only compares.
    /// </summary>
    internal static void PrepareResume()
    {
        Kaal.Model.Kernel kernel = ResidentKernel.Instance;
        ref readonly CoreState core = ref kernel.Core(0);
        uint thread = core.Current;
        while (thread == core.Idle)
        {
            CpuIdle.WaitForInterrupt();
            Arch.OpenInterruptWindow();
            thread = core.Current;
        }
        ref readonly Thread entry = ref kernel.ThreadAt(thread);
        if (thread != s_resumedThread || entry.Generation != s_resumedGeneration)
        {
            SwitchThreadPointer(thread, entry.Generation);
            s_resume->Registers = s_registerBlocks + thread * UserContext.RegisterCount;
            s_resume->FpState = s_fpBlocks + thread * UserContext.FpWordCount;
            s_resumedTableChanges = ulong.MaxValue;
        }
        ObjectRef vspace = entry.VSpaceRoot.Object;
        if (!vspace.SameAs(s_resumedVSpace) || s_resumedTableChanges != UserPageTables.ChangeCount)
        {
            s_resumedVSpace = vspace;
            s_resumedTableChanges = UserPageTables.ChangeCount;
            s_resume->TranslationBase = entry.VSpaceRoot.Type == CapType.VSpace && kernel.Objects.IsLive(vspace)
                ? UserPageTables.TranslationBase(vspace.Index)
                : UserPageTables.EmptyTranslationBase;
        }
    }

    /// <summary>TPIDR_EL0 is user state the Model does not keep: the kernel never writes it, so it still
    /// holds the last thread's value; store that, load the new thread's (0 for a new thread).</summary>
    private static void SwitchThreadPointer(uint thread, uint generation)
    {
        if (s_resumedThread != Thread.None)
        {
            s_threadPointers[s_resumedThread] = Arch.ReadUserThreadPointer();
            s_threadPointerGenerations[s_resumedThread] = s_resumedGeneration;
        }
        Arch.WriteUserThreadPointer(s_threadPointerGenerations[thread] == generation ? s_threadPointers[thread] : 0);
        s_resumedThread = thread;
        s_resumedGeneration = generation;
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
