using System.Runtime.CompilerServices;

namespace Kaal.Model;

/// <summary>
/// Poll on its own (the null syscall): the same checks and the same end state as <see cref="FastWait"/> for a
/// non-blocking wait, written so that the compiled path is a leaf. Everything that needs a call (a pending
/// signal to deliver, other cores to schedule, machine updates to flush) is rare here and goes to a method of
/// its own in tail position, so the common case keeps every value in scratch registers: no callee-saved
/// register is saved or restored, which in the port's fast entry was about 14 of the null syscall's instructions.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>
    /// Handles the current thread's syscall if it is a Poll a fast path can complete, else changes nothing and
    /// returns <see cref="FastSyscallOutcome.NotTaken"/> (the port then takes <see cref="HandleSlowSyscall"/>).
    /// The same contract as <see cref="TryFastSyscall"/> (reads only the caller's x0 and x8, writes only its
    /// x0-x2, changes no mapping or interrupt line), and the caller always continues: a Poll never blocks and,
    /// making nobody runnable, never preempts it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FastSyscallOutcome TryFastPoll<TMachine>(ref TMachine machine, int core) where TMachine : struct, IMachinePort
    {
        CoreState[] cores = _cores;
        KernelAssert.That((uint)core < (uint)cores.Length, AssertionSite.BoundExceeded, (ulong)core);
        ref CoreState state = ref cores[core];
        uint thread = state.Current;
        ref ThreadEntry entry = ref _threadEntries[thread];
        KernelAssert.That(thread != state.Idle && entry.State == ThreadState.Running, AssertionSite.BoundExceeded, thread);
        if (_config.SlowPathOnly) return FastSyscallOutcome.NotTaken;
        ulong[] registers = _registerWords;
        uint block = thread * UserContext.RegisterCount;
        if ((Syscall)registers[block + UserContext.X8] != Syscall.Poll) return FastSyscallOutcome.NotTaken;
        ref readonly Capability cap = ref FastPathLookup(entry, registers[block + UserContext.X0]);
        if (cap.Type != CapType.Notification || (cap.Rights & CapRights.Read) == 0) return FastSyscallOutcome.NotTaken;
        // Live without asking: a capability in a slot names a live object of its type, which the invariant checker
        // verifies after every step (CheckObjectCounts, InvariantKind.StaleCapability) and which holds by
        // construction (an object is freed only with no capability left). The array access still bounds the index.
        ref KernelObject notification = ref _objectEntries[cap.Object.Index];
        if (notification.BoundThread != ThreadEntry.None && notification.BoundThread != thread) return FastSyscallOutcome.NotTaken;
        _executingCore = core;
        _fastPathsTaken++;
        if (notification.QueueKind == WaitQueueKind.Active) return FinishFastPollWithSignal(ref machine, core, cap.Object);
        // DeliverSignal(thread, 0) (status ok, no badge, an empty tag), through the array and block index already
        // in hand: x0's index was checked when the capability pointer was read.
        registers[block + UserContext.X0] = (ulong)KernelError.Ok;
        registers[block + ReceiveBadgeRegister] = 0;
        registers[block + ReceiveInfoRegister] = 0;
        if (cores.Length > 1 || MachineUpdatesPending) return FinishFastPoll(ref machine, core);
        return FastSyscallOutcome.CallerContinues;
    }

    /// <summary>A Poll that finds a signal pending: delivers it (the word, then the notification idle), then
    /// what every fast syscall ends with. Out of line so that <see cref="TryFastPoll"/> stays a leaf.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FastSyscallOutcome FinishFastPollWithSignal<TMachine>(ref TMachine machine, int core, ObjectRef notification)
        where TMachine : struct, IMachinePort
    {
        // The caller, read again rather than passed: fewer values live across TryFastPoll's checks.
        CompleteSignalDelivery(_cores[core].Current, notification);
        return FinishFastPoll(ref machine, core);
    }

    /// <summary>The end of <see cref="TryFastSyscall"/> for a Poll: the other cores scheduled as after any entry,
    /// the machine updates flushed (neither happens on one core with nothing pending, which
    /// <see cref="TryFastPoll"/> checks inline).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FastSyscallOutcome FinishFastPoll<TMachine>(ref TMachine machine, int core) where TMachine : struct, IMachinePort
    {
        uint thread = _cores[core].Current;
        if (_cores.Length > 1) ScheduleOtherCores(core);
        FlushMachineUpdates(ref machine);
        // A Poll makes nobody runnable, and scheduling the other cores leaves this one alone.
        KernelAssert.That(_cores[core].Current == thread, AssertionSite.BoundExceeded, thread);
        return FastSyscallOutcome.CallerContinues;
    }

    /// <summary>Whether <see cref="FlushMachineUpdates"/> has anything to do.</summary>
    private bool MachineUpdatesPending
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _irqChangesPending || _mappings.HasPendingChanges;
    }
}
