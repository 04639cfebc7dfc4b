using System.Runtime;
using System.Runtime.CompilerServices;
using Kaal.Kernel.Arm64.Port;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// Where every exception from EL0 lands (Boot/vectors.S, after the thread's registers are saved into the
/// Model's blocks): SVC goes to the Model's syscall dispatcher, a trapped FP/SIMD access hands the thread the
/// FP/SIMD registers (<see cref="UserSpace.TakeFpOwnership"/>), any other synchronous exception is a user
/// fault for the Model (ESR/FAR decoded by <see cref="ExceptionSyndrome"/>), an IRQ goes to the timer or
/// to the Model as a device interrupt. Then <see cref="UserSpace.PrepareResume"/> picks what runs next. Every export
/// runs under the big kernel lock (Boot/vectors.S took it), which is checked before the Model is entered (by the
/// fast entry itself for the two fast exports, which stay leaves that way in their common case); each is given this
/// core's index by Boot/vectors.S (MPIDR_EL1.Aff0) and hands it to the Model.
/// An entry from a thread that another core already took off this one (<see cref="UserSpace.IsPreempted"/>: the
/// Model moved on, the reschedule interrupt had not arrived yet) is not the Model's current thread's, so it is not
/// handed to the Model: the thread is stopped as if the interrupt had come first.
/// </summary>
internal static class UserEntry
{
    private const ulong VectorSynchronousLowerEl = 8;
    private const ulong VectorIrqLowerEl = 9;

    /// <summary>The machine the Model is handed (a struct without fields), kept static so that no kernel entry
    /// spends instructions building one on its stack.</summary>
    private static MachinePort s_machine;

    /// <remarks>Exported as a runtime export (managed calling convention, which for these arguments is the C
    /// one) rather than [UnmanagedCallersOnly]: that would bracket every kernel entry with a reverse P/Invoke
    /// frame that ILC builds and clears although the transition helpers do nothing here (no GC, one thread).</remarks>
    [RuntimeExport("kaal_user_exception")]
    private static void OnUserException(ulong vectorIndex, ulong syndrome, ulong faultAddress, int core)
    {
        BigKernelLock.AssertHeld(core);
        bool svc = vectorIndex == VectorSynchronousLowerEl && ExceptionSyndrome.ExceptionClass(syndrome) == ExceptionSyndrome.ClassSvc64;
        if (vectorIndex == VectorSynchronousLowerEl && UserSpace.IsPreempted(core))
        {
            // Another core took this thread off this one before it trapped: it did not happen yet (a fault's
            // instruction runs again anyway, a syscall is rewound to its SVC).
            if (svc) UserSpace.RestartSyscall(core);
        }
        else if (svc)
        {
            ResidentKernel.Instance.HandleSyscall(ref s_machine, core);
        }
        else
        {
            OnOtherException(core, vectorIndex, syndrome, faultAddress);
        }
        UserSpace.NotifyOtherCores(core);
        UserSpace.PrepareResume(core);
    }

    /// <summary>
    /// The syscall fast path (Boot/vectors.S el0_svc), entered with only the caller's x0-x18 and x30 saved in its
    /// register block: its x19-x29 are still in the CPU (this code preserves them) and sp, pc and pstate in
    /// SP_EL0, ELR_EL1 and SPSR_EL1, which nothing here touches. The Model's fast paths read and write none of
    /// those (<see cref="Kaal.Model.Kernel.TryFastSyscall"/>). Returns the outcome: after
    /// <see cref="FastSyscallOutcome.CallerContinues"/> the exit path reloads x0-x18 and x30 only; after
    /// <see cref="FastSyscallOutcome.Switched"/> (the exit already points at the new thread) it saves the rest of the
    /// caller's registers and exits; after <see cref="FastSyscallOutcome.NotTaken"/> it saves them and calls
    /// <see cref="OnSlowSyscall"/>. PrepareResume reads no register of the caller.
    /// </summary>
    [RuntimeExport("kaal_user_fast_syscall")]
    private static FastSyscallOutcome OnFastSyscall(int core)
    {
        if (UserSpace.IsPreempted(core)) return FastSyscallOutcome.NotTaken; // the general path restarts it
        FastSyscallOutcome outcome = ResidentKernel.Instance.TryFastSyscall(ref s_machine, core);
        if (outcome == FastSyscallOutcome.NotTaken) return outcome;
        UserSpace.NotifyOtherCores(core);
        if (outcome == FastSyscallOutcome.Switched) UserSpace.PrepareResume(core);
        return outcome;
    }

    /// <summary>
    /// Poll's own fast path (Boot/vectors.S el0_svc sends an SVC with x8 = Poll here, the same partial save as
    /// <see cref="OnFastSyscall"/>): <see cref="Kaal.Model.Kernel.TryFastPoll"/> inlined, a leaf in its common
    /// case, so this export saves no callee-saved register. A Poll never switches threads, so there is no resume
    /// to prepare: the outcome is <see cref="FastSyscallOutcome.CallerContinues"/> or
    /// <see cref="FastSyscallOutcome.NotTaken"/>; nor does it make any thread runnable, so no other core is told.
    /// </summary>
    [RuntimeExport("kaal_user_fast_poll")]
    private static FastSyscallOutcome OnFastPoll(int core) =>
        UserSpace.IsPreempted(core) ? FastSyscallOutcome.NotTaken : ResidentKernel.Instance.TryFastPoll(ref s_machine, core);

    /// <summary>The general path for a syscall the fast path declined; the caller's registers are all saved.</summary>
    [RuntimeExport("kaal_user_slow_syscall")]
    private static void OnSlowSyscall(int core)
    {
        BigKernelLock.AssertHeld(core);
        if (UserSpace.IsPreempted(core))
        {
            UserSpace.RestartSyscall(core);
        }
        else
        {
            ResidentKernel.Instance.HandleSlowSyscall(ref s_machine, core);
            UserSpace.NotifyOtherCores(core);
        }
        UserSpace.PrepareResume(core);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnOtherException(int core, ulong vectorIndex, ulong syndrome, ulong faultAddress)
    {
        Kaal.Model.Kernel kernel = ResidentKernel.Instance;
        var machine = default(MachinePort);
        if (vectorIndex == VectorSynchronousLowerEl && ExceptionSyndrome.ExceptionClass(syndrome) == ExceptionSyndrome.ClassFpAccessTrapped)
        {
            UserSpace.TakeFpOwnership(core);
        }
        else if (vectorIndex == VectorSynchronousLowerEl)
        {
            ulong programCounter = kernel.Register(kernel.Core(core).Current, UserContext.Pc);
            kernel.HandleUserFault(ref machine, core, ExceptionSyndrome.UserFault(syndrome, faultAddress, programCounter));
        }
        else if (vectorIndex == VectorIrqLowerEl)
        {
            Interrupts.HandleIrq(Machine.Platform);
        }
        else
        {
            // FIQs are never enabled; an SError is asynchronous, so no thread can be blamed for it.
            KernelConsole.Write("ESR_EL1=");
            KernelConsole.WriteHex(syndrome);
            KernelConsole.WriteLine();
            KernelPanic.HaltWithValue("exception from EL0 the kernel does not take; vector", vectorIndex);
        }
    }
}
