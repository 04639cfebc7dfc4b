using System.Runtime.CompilerServices;
using Kaal.Kernel.Arm64.Port;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// EL0 as the resident Model kernel runs it: the machine set-up user code needs, entering user space,
/// and after every kernel entry from EL0 the choice of what runs next on this core (the Model's current thread
/// of the core, after idling with interrupts let in if it has none), with its address space and thread pointer;
/// the other cores are interrupted when the entry changed what they should run (<see cref="NotifyOtherCores"/>).
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
    private const ulong SvcInstructionBytes = 4;

    /// <summary>One per core the Model schedules (<see cref="CoreUser"/>), in a kernel-heap array never freed.</summary>
    private static CoreUser* s_cores;
    private static int s_coreCount;
    private static ThreadEntry* s_threadEntries;
    private static ObjectTable? s_objects;
    /// <summary>One record per thread-table entry, and one for a thread that no longer exists.</summary>
    private static ThreadResume* s_threadRecords;
    private static ThreadResume* s_scratchRecord;
    private static bool s_ready;

    /// <summary>Whether <see cref="Initialize"/> ran (the other cores wait for it before they enter user space); read
    /// under the big kernel lock.</summary>
    internal static bool IsReady => s_ready;

    /// <summary>Whether some core has entered user space (the kernel's own set-up of the root task is over).</summary>
    internal static bool HasEnteredUserSpace => s_ready && s_cores[0].Running != ThreadEntry.None;

    /// <summary>Before the root task's set-up issues its first syscall (which may map pages). The boot core takes the
    /// big kernel lock here and holds it until it first leaves for EL0: from now on the resident Model is entered only
    /// under the lock and with interrupts masked.</summary>
    internal static void Initialize()
    {
        Arch.DisableInterrupts();
        BigKernelLock.Acquire();
        if ((Arch.ReadMemoryModelFeatures() & AsidBitsField) != SixteenBitAsids)
        {
            KernelPanic.HaltWithValue("user space needs 16-bit ASIDs; ID_AA64MMFR0_EL1", Arch.ReadMemoryModelFeatures());
        }
        Kaal.Model.Kernel kernel = ResidentKernel.Instance;
        UserPageTables.Initialize(kernel.Objects.Capacity, PageTableCount);
        s_objects = kernel.Objects;
        ThreadTable threads = kernel.Threads;
        InitializeCores(kernel);
        fixed (ThreadEntry* entries = &threads[0])
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
        s_ready = true;
    }

    private static void InitializeCores(Kaal.Model.Kernel kernel)
    {
        s_coreCount = kernel.CoreCount;
        int words = s_coreCount * sizeof(CoreUser) / sizeof(ulong);
        var storage = new ulong[words];
        fixed (ulong* first = &storage[0])
        {
            s_cores = (CoreUser*)first;
        }
        for (int core = 0; core < s_coreCount; core++)
        {
            CoreUser* state = s_cores + core;
            fixed (CoreState* scheduling = &kernel.Core(core))
            {
                state->Scheduling = scheduling;
            }
            state->Resume = Arch.CoreResumeAddress((ulong)core);
            state->ResumedThread = ThreadEntry.None;
            state->FpOwner = ThreadEntry.None;
            state->Running = ThreadEntry.None;
        }
    }

    /// <summary>
    /// Runs the Model's current thread of this core at EL0 (after idling, if it has none), holding the big kernel
    /// lock until the exit path releases it; never returns (the exception vectors take over). The boot core calls it
    /// once the root task is set up, every other core once <see cref="IsReady"/>.
    /// </summary>
    internal static void Enter()
    {
        int core = Arch.CurrentCore();
        BigKernelLock.AssertHeld(core);
        // Per-core registers: EL0's counter and timer access, its SCTLR controls.
        Arch.WriteCounterKernelControl(El0CounterAndPhysicalTimerAccess);
        Arch.WriteSystemControl(Arch.ReadSystemControl() | UserControlBits);
        PrepareResume(core);
        Arch.WriteVectorBase(Mmu.TrampolineVirtualAddress);
        Arch.EnterUserSpace(Mmu.TrampolineVirtualAddress, s_cores[core].Resume);
    }

    /// <summary>
    /// Whether the thread that entered the kernel on <paramref name="core"/> is no longer the Model's current thread
    /// of the core: another core's kernel entry preempted, blocked or moved it while it ran here, and its trap beat
    /// the reschedule interrupt. The Model must not see the trap as its current thread's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsPreempted(int core)
    {
        CoreUser* state = s_cores + core;
        return state->Running != state->Scheduling->Current;
    }

    /// <summary>A preempted thread's syscall (<see cref="IsPreempted"/>) did not happen: its saved pc goes back to the
    /// SVC, which it executes again when it next runs (its registers are all saved by then). A stalled core's was
    /// rewound by the core that stalled it (<see cref="StallThread"/>).</summary>
    internal static void RestartSyscall(int core)
    {
        CoreUser* state = s_cores + core;
        if (state->Running != CoreUser.Stalled) state->Resume->Current->Registers[UserContext.Pc] -= SvcInstructionBytes;
    }

    /// <summary>
    /// After a kernel entry on this core changed what another core should run (a thread of that core woken, blocked
    /// or preempted), interrupts that core so that it enters the kernel and picks the Model's choice (seL4's remote
    /// reschedule IPI). Called under the lock by every entry before it resumes user code. One core: nothing to do.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void NotifyOtherCores(int thisCore)
    {
        if (s_coreCount > 1) NotifyOtherCoresOf(thisCore);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NotifyOtherCoresOf(int thisCore)
    {
        for (int core = 0; core < s_coreCount; core++)
        {
            CoreUser* state = s_cores + core;
            if (core != thisCore && state->Scheduling->Current != state->Running)
            {
                Interrupts.SendReschedule(Machine.Platform, core);
            }
        }
    }

    /// <summary>
    /// Before a TCB invocation acts on <paramref name="thread"/> (<see cref="IMachinePort.StallThread"/>): if another
    /// core runs it at EL0, that core is interrupted and this one, holding the lock, waits until the other waits for
    /// the lock, which its every entry from EL0 takes after saving the thread's registers (so neither waits for the
    /// other to get what it holds). That core's entry is then not its thread's (<see cref="CoreUser.Stalled"/>, so
    /// <see cref="IsPreempted"/>): a syscall it was making is restarted, as seL4's ipiStallCoreCallback restarts it,
    /// and its exit resumes the Model's choice with the registers the invocation left. So a thread suspended on
    /// another core runs no further instruction after the syscall returns, and registers written take effect.
    /// </summary>
    internal static void StallThread(uint thread)
    {
        if (!s_ready || s_coreCount == 1) return;
        int self = Arch.CurrentCore();
        for (int core = 0; core < s_coreCount; core++)
        {
            CoreUser* state = s_cores + core;
            if (core != self && state->Running == thread)
            {
                Interrupts.SendReschedule(Machine.Platform, core);
                uint entry = BigKernelLock.WaitUntilWaiting(core);
                // Rewound now, before the invocation may write the pc; that core leaves it alone (RestartSyscall).
                if ((entry & 0xFF) == BigKernelLock.SyscallEntry) s_threadRecords[thread].Registers[UserContext.Pc] -= SvcInstructionBytes;
                state->Running = CoreUser.Stalled;
                return;
            }
        }
    }

    /// <summary>
    /// Points the exit path at the thread the Model wants on this core. Runs at every kernel exit, so the common
    /// case (the same thread, its VSpace and the page tables unchanged, and this core not stalled while it was away:
    /// <see cref="StallThread"/>) only compares, in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void PrepareResume(int core)
    {
        CoreUser* state = s_cores + core;
        uint thread = state->Scheduling->Current;
        if (thread == state->ResumedThread && thread == state->Running)
        {
            ThreadEntry* entry = s_threadEntries + thread;
            ThreadResume* record = state->Resume->Current;
            if (entry->Generation == state->ResumedGeneration && entry->VSpaceRoot.Object.SameAs(record->VSpace) &&
                record->TableChanges == UserPageTables.ChangeCount)
            {
                return;
            }
        }
        PrepareChangedResume(core, state);
    }

    /// <summary>
    /// Waits outside the kernel (<see cref="CpuIdle.WaitOutsideTheKernel"/>) while this core has no thread, or its
    /// thread is not yet free to run here: another core still runs it (the Model moved it, that core's reschedule
    /// interrupt has not arrived) or holds its FP/SIMD state in its registers (the lazy switch). That core is
    /// interrupted; it lets the thread go (<see cref="ReleaseMovedFp"/>, or switching away) and interrupts this one,
    /// which still counts as idle meanwhile. seL4 stalls the same way (remoteTCBStall, fpuRelease). Returns the thread.
    /// </summary>
    private static uint WaitForThread(int core, CoreUser* state)
    {
        uint thread = state->Scheduling->Current;
        while (thread == state->Scheduling->Idle || (s_coreCount > 1 && HeldElsewhere(core, thread)))
        {
            if (state->ResumedThread != ThreadEntry.None) ReleaseThreadPointer(state);
            state->Running = state->Scheduling->Idle;
            CpuIdle.WaitOutsideTheKernel();
            thread = state->Scheduling->Current;
        }
        state->Running = thread;
        return thread;
    }

    /// <summary>
    /// This core goes idle: the thread it last resumed keeps its TPIDR_EL0 in the CPU only until the exit switches to
    /// another thread, which may be long after the thread has run on another core (moved while blocked, say), so its
    /// value goes to its record now, and the core has resumed no thread (the next exit takes the new thread's value
    /// from its record, and stores the CPU's into the scratch record).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReleaseThreadPointer(CoreUser* state)
    {
        Arch.ReleaseThreadPointer(&s_threadRecords[state->ResumedThread].ThreadPointer);
        state->ResumedThread = ThreadEntry.None;
    }

    /// <summary>Whether another core runs <paramref name="thread"/> or holds its FP/SIMD registers; if so, that core
    /// is interrupted (it lets the thread go and tells this core).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool HeldElsewhere(int core, uint thread)
    {
        uint generation = s_threadEntries[thread].Generation;
        for (int other = 0; other < s_coreCount; other++)
        {
            CoreUser* state = s_cores + other;
            // A stalled core has not finished the thread's entry yet: until its exit, TPIDR_EL0 is in its CPU.
            bool running = state->Running == thread || (state->Running == CoreUser.Stalled && state->ResumedThread == thread);
            bool holds = running || (state->FpOwner == thread && state->FpOwnerGeneration == generation);
            if (other != core && holds)
            {
                Interrupts.SendReschedule(Machine.Platform, other);
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Another core's reschedule interrupt on <paramref name="core"/>: if the thread whose FP/SIMD state this core's
    /// registers hold has moved to another core, its registers go to its block (it may be waiting there for them,
    /// <see cref="WaitForThread"/>) and this core owns none; were it resumed here again, its first FP/SIMD use would
    /// trap and load them.
    /// </summary>
    internal static void ReleaseMovedFp(int core)
    {
        if (!s_ready) return;
        CoreUser* state = s_cores + core;
        uint owner = state->FpOwner;
        if (!IsLive(owner, state->FpOwnerGeneration) || s_threadEntries[owner].Core == core) return;
        Arch.ReleaseFp(s_threadRecords[owner].FpState);
        state->FpOwner = ThreadEntry.None;
        if (state->ResumedThread == owner) state->Resume->ArchitecturalFeatureAccess = FpAccessTrappedAtEl0;
    }

    /// <summary>Something changed since the last exit: the thread (or, with none runnable, wait for one), or
    /// its address space.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PrepareChangedResume(int core, CoreUser* state)
    {
        uint thread = WaitForThread(core, state);
        // Locals, because a store through a pointer could, for all the compiler knows, change the statics.
        UserResume* resume = state->Resume;
        ThreadResume* records = s_threadRecords;
        ThreadEntry* entry = s_threadEntries + thread;
        uint generation = entry->Generation;
        ThreadResume* record = records + thread;
        uint previous = state->ResumedThread;
        if (thread != previous || generation != state->ResumedGeneration)
        {
            // TPIDR_EL0 moves at the exit: the previous thread keeps it in the CPU until then. Its record is the
            // port's, so it may take the value even if the thread is gone (a new generation starts from 0), unless
            // the new thread is that entry's next generation.
            resume->Previous = previous != ThreadEntry.None && previous != thread ? records + previous : s_scratchRecord;
            if (record->Generation != generation)
            {
                record->Generation = generation;
                record->ThreadPointer = 0;
                record->TableChanges = ulong.MaxValue;
            }
            resume->Current = record;
            resume->ArchitecturalFeatureAccess = thread == state->FpOwner && generation == state->FpOwnerGeneration ? FpAccessEverywhere : FpAccessTrappedAtEl0;
            state->ResumedThread = thread;
            state->ResumedGeneration = generation;
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

    /// <summary>ThreadTable.IsLive, read in place; <see cref="ThreadEntry.None"/> is never live.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLive(uint thread, uint generation) =>
        thread != ThreadEntry.None && s_threadEntries[thread].Generation == generation && !s_threadEntries[thread].Tcb.IsNone;

    /// <summary>
    /// The thread that just ran used FP/SIMD without owning the registers (its access trapped): the owner's
    /// state goes to its FP/SIMD block (or to scratch if it is gone), the thread's comes in, and it resumes at
    /// the trapped instruction as the owner. The Model is not involved: to it the registers never moved.
    /// </summary>
    internal static void TakeFpOwnership(int core)
    {
        CoreUser* state = s_cores + core;
        ThreadResume* previous = IsLive(state->FpOwner, state->FpOwnerGeneration) ? s_threadRecords + state->FpOwner : s_scratchRecord;
        Arch.TakeOverFp(previous->FpState, state->Resume->Current->FpState);
        state->FpOwner = state->ResumedThread;
        state->FpOwnerGeneration = state->ResumedGeneration;
        state->Resume->ArchitecturalFeatureAccess = FpAccessEverywhere;
    }
}
