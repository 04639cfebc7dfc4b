using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime.WeakMemory;

namespace Kaal.Sim.Runtime;

/// <summary>
/// What a thread does when it is chosen: it gets the CPU and performs its pending operation (a syscall through the
/// kernel, a load or store through the memory model, a device or system register access, a barrier), or starts or
/// resumes; a data abort takes the kernel's fault path. <see cref="Settle"/> then lets every core's running thread
/// reach its next scheduling point.
/// </summary>
internal sealed class StepExecutor(SimState state, WeakMemoryRun weak, FaultInjector faults, DeviceBus devices, DeadlockReport deadlocks, StepRecorder? recorder)
{
    /// <summary>The chosen thread gets the CPU (a preemption if it was only ready) and does its next thing.</summary>
    public string? Execute(uint thread, int step)
    {
        Kernel kernel = state.Kernel;
        SimThread sim = state.Threads[thread]!;
        int core = kernel.ThreadAt(thread).Core;
        uint previous = kernel.Core(core).Current;
        if (previous != thread)
        {
            kernel.PreemptFor(core, thread);
            recorder?.Note(step, SimEventKind.Preempt, sim, $"preempts {state.Threads.NameOf(previous)} on core {core}");
        }
        weak.SyncSwitchedCores();
        switch (sim.Status)
        {
            case SimThreadStatus.NotStarted:
                recorder?.Note(step, SimEventKind.Start, sim, "starts");
                sim.Start();
                return null;
            case SimThreadStatus.InKernel:
                recorder?.Note(step, SimEventKind.Resume, sim, "resumes");
                sim.Resume(ResultOf(thread));
                return null;
            default:
                return weak.PromisesInstead(sim, core, step) ? null : Perform(sim, core, step);
        }
    }

    /// <summary>The thread's pending operation; a failure that ends the run, or null.</summary>
    public string? Perform(SimThread sim, int core, int step)
    {
        ref PendingOperation op = ref sim.Pending;
        switch (op.Kind)
        {
            case OperationKind.Syscall:
                return PerformSyscall(sim, core, step);
            case OperationKind.SystemRegister:
                devices.AccessSystemRegister(sim, step);
                return FaultOf(sim, state.Kernel.ThreadAt(sim.ModelThread).Core);
            case OperationKind.Mmio:
                if (devices.TryMmio(sim, step)) return FaultOf(sim, core);
                return RaiseFault(sim, core, op.VirtAddr, $"faulted: data abort: device {(op.IsWrite ? "write to" : "read from")} 0x{op.VirtAddr:X}, which maps no device register");
            case OperationKind.Barrier:
                weak.Barrier(core, op.Barrier);
                recorder?.Note(step, SimEventKind.Barrier, sim, $"barrier ({op.Barrier})");
                sim.Resume(default);
                return FaultOf(sim, core);
            default:
                return PerformMemoryAccess(sim, core, step);
        }
    }

    /// <summary>The syscall through the kernel (or, injected, an exhausted untyped for one that retypes).</summary>
    private string? PerformSyscall(SimThread sim, int core, int step)
    {
        Kernel kernel = state.Kernel;
        ref PendingOperation op = ref sim.Pending;
        uint thread = sim.ModelThread;
        if (faults.ExhaustsRetype(op.Number))
        {
            recorder?.Note(step, SimEventKind.Syscall, sim, $"{op.Number} -> NotEnoughMemory (injected exhaustion)");
            sim.Resume(new SyscallResult(KernelError.NotEnoughMemory, (ulong)ErrorReason.UntypedExhausted, 0, 0, 0, 0, 0));
            return FaultOf(sim, core);
        }
        weak.EnterKernel(core);
        recorder?.RememberThreadStates();
        var machine = new SimMachine(state.Machine);
        int unhandledBefore = state.Machine.UnhandledFaults.Count;
        kernel.MakeSyscall(ref machine, core, op.Number, op.A0, op.A1, op.A2, op.A3, op.A4, op.A5, op.A6, op.A7);
        bool stillRunning = kernel.Core(core).Current == thread && kernel.ThreadAt(thread).State == ThreadState.Running;
        if (!stillRunning && StepRecorder.IsBlocked(kernel.ThreadAt(thread).State)) deadlocks.Blocked(thread, step);
        recorder?.NoteSyscall(sim, step, stillRunning);
        if (stillRunning) sim.Resume(ResultOf(thread));
        else if (SyscallFault(sim, unhandledBefore, step) is string failure) return failure;
        else if (sim.Status != SimThreadStatus.Faulted) sim.MarkInKernel();
        return FaultOf(sim, core);
    }

    /// <summary>A load or store of an aligned word of RAM the thread has mapped with the rights it needs; anything else
    /// is a data abort.</summary>
    private string? PerformMemoryAccess(SimThread sim, int core, int step)
    {
        ref PendingOperation op = ref sim.Pending;
        bool isStore = op.Kind == OperationKind.Store;
        VmRights needed = isStore ? VmRights.Write : VmRights.Read;
        if ((op.VirtAddr & 7) != 0 || !state.Kernel.TranslateUserAddress(sim.ModelThread, op.VirtAddr, needed, out ulong physAddr) || !state.Machine.IsRam(physAddr))
        {
            return RaiseFault(sim, core, op.VirtAddr, "faulted: " + FaultText.Access(state.Kernel, sim.ModelThread, op.VirtAddr, isStore, wordAccess: true));
        }
        var machine = new SimMachine(state.Machine);
        if (isStore)
        {
            if (weak.Memory is null) machine.WriteWord(physAddr, op.Value);
            else if (!weak.Store(sim, core, state.Machine.WordIndex(physAddr), op, step)) return null;
            recorder?.Note(step, SimEventKind.Store, sim, $"store [0x{op.VirtAddr:X}] = {op.Value} ({op.Order})");
            sim.Resume(default);
        }
        else
        {
            ulong value = weak.Memory is null ? machine.ReadWord(physAddr) : weak.Load(sim, core, state.Machine.WordIndex(physAddr), op, step);
            recorder?.NoteLoad(sim, step, $"load [0x{op.VirtAddr:X}] -> {value} ({op.Order})", weak.Memory);
            sim.Resume(new SyscallResult(KernelError.Ok, value, 0, 0, 0, 0, 0));
        }
        return FaultOf(sim, core);
    }

    /// <summary>
    /// A data abort of the thread running on <paramref name="core"/>: the kernel's fault path, as on the machine.
    /// With a fault endpoint its supervisor hears of it and the run goes on; without one the fault is unhandled,
    /// which ends the run as a bug: "<c>component</c> <paramref name="what"/>" (what happened, without the name).
    /// </summary>
    public string? RaiseFault(SimThread sim, int core, ulong address, string what)
    {
        Kernel kernel = state.Kernel;
        var machine = new SimMachine(state.Machine);
        int unhandledBefore = state.Machine.UnhandledFaults.Count;
        kernel.HandleUserFault(ref machine, core, new FaultInfo(FaultKind.VmFault, kernel.Register(sim.ModelThread, UserContext.Pc), address, 0));
        sim.MarkFaulted();
        faults.CountFault(sim.Name);
        bool unhandled = state.Machine.UnhandledFaults.Count > unhandledBefore;
        recorder?.NoteFault(state.Step, sim, what, unhandled);
        return unhandled ? $"{sim.Name} {what}" : null;
    }

    /// <summary>A fault the kernel raised inside the syscall (an unknown syscall number): noted, and a bug when no
    /// fault endpoint took it (then the thread is faulted for good; a handled one waits in the kernel for its
    /// supervisor's reply, as before).</summary>
    private string? SyscallFault(SimThread sim, int unhandledBefore, int step)
    {
        bool unhandled = state.Machine.UnhandledFaults.Count > unhandledBefore;
        if (!unhandled && !state.Kernel.ThreadAt(sim.ModelThread).FaultPending) return null;
        ref PendingOperation op = ref sim.Pending;
        string what = "faulted: " + FaultText.Of((ulong)FaultKind.UnknownSyscall, state.Kernel.Register(sim.ModelThread, UserContext.Pc), (ulong)op.Number);
        if (unhandled) sim.MarkFaulted();
        faults.CountFault(sim.Name);
        recorder?.NoteFault(step, sim, what, unhandled);
        return unhandled ? $"{sim.Name} {what}" : null;
    }

    /// <summary>After the thread's code ran: an exception from it is a bug, except a data abort on private memory,
    /// which takes the kernel's fault path.</summary>
    private string? FaultOf(SimThread sim, int core)
    {
        if (sim.Status != SimThreadStatus.Failed) return null;
        if (sim.Failure is MemoryFaultException abort)
        {
            return RaiseFault(sim, core, abort.VirtAddr, "faulted: " + FaultText.Access(state.Kernel, sim.ModelThread, abort.VirtAddr, abort.IsWrite, wordAccess: false));
        }
        return FailureReport.FailureMessage(sim);
    }

    private SyscallResult ResultOf(uint thread) => ThreadResult.Of(state.Kernel, thread);

    /// <summary>
    /// Lets every core's running thread reach its next scheduling point: start components that have not
    /// run, resume those whose blocking syscall completed, retire those that finished (their thread is
    /// suspended, so the kernel picks the next). Each pass changes at least one thread, so it ends.
    /// </summary>
    public string? Settle()
    {
        Kernel kernel = state.Kernel;
        for (int pass = 0; pass <= 3 * state.Threads.All.Count + kernel.CoreCount; pass++)
        {
            bool changed = false;
            for (int core = 0; core < kernel.CoreCount; core++)
            {
                string? failure = SettleCore(core, ref changed);
                if (failure is not null) return failure;
            }
            if (!changed) return null;
        }
        throw new SimulationException("threads kept changing state without making a scheduling point");
    }

    private string? SettleCore(int core, ref bool changed)
    {
        Kernel kernel = state.Kernel;
        ref readonly CoreState coreState = ref kernel.Core(core);
        if (coreState.Current == coreState.Idle) return null;
        if (kernel.ThreadAt(coreState.Current).State != ThreadState.Running) return null;
        SimThread? sim = state.Threads.For(coreState.Current);
        if (sim is null) return null;
        switch (sim.Status)
        {
            case SimThreadStatus.NotStarted:
                sim.Start();
                changed = true;
                return FaultOf(sim, core);
            case SimThreadStatus.InKernel:
                sim.Resume(ResultOf(coreState.Current));
                changed = true;
                return FaultOf(sim, core);
            case SimThreadStatus.Faulted:
                return $"{sim.Name} was resumed after a fault; the simulator cannot resume C# code at the faulting instruction";
            case SimThreadStatus.Finished:
                kernel.TcbSuspend(Capability.ToObject(CapType.Tcb, kernel.ThreadAt(coreState.Current).Tcb));
                kernel.ScheduleAllCores();
                recorder?.Note(state.Step, SimEventKind.Finish, sim, "finished");
                changed = true;
                return null;
            case SimThreadStatus.Failed:
                return FaultOf(sim, core);
            default:
                return null;
        }
    }
}
