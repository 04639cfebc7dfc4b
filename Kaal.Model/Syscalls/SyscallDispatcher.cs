namespace Kaal.Model;

/// <summary>
/// The syscall entry: <c>svc #0</c> with the number in x8 and arguments in x0-x7. On success x0 = 0 and
/// results follow in x1 onwards (written by each handler); on error x0 = the <see cref="KernelError"/>,
/// x1 = the <see cref="ErrorReason"/>, x2 = argument position | lookup-was-source &lt;&lt; 8 | lookup fault
/// kind &lt;&lt; 16 | bits left &lt;&lt; 24, x3 = range minimum, x4 = range maximum or bytes left. A blocked
/// thread gets its results when it is woken. Every entry ends by scheduling and flushing machine updates.
/// The common IPC and notification cases take a fast path first (FastPath.cs) that ends in the same state.
/// </summary>
public sealed partial class Kernel
{
    public const int ErrorReasonRegister = 1;
    public const int ErrorDetailRegister = 2;
    public const int ErrorRangeMinRegister = 3;
    public const int ErrorRangeMaxRegister = 4;

    /// <summary>Handles the syscall the current thread of <paramref name="core"/> made.</summary>
    public void HandleSyscall<TMachine>(ref TMachine machine, int core) where TMachine : struct, IMachinePort
    {
        // As a port with a fast entry does it: Poll's own path, then the other fast paths, then the general one.
        if (TryFastPoll(ref machine, core) != FastSyscallOutcome.NotTaken) return;
        if (TryFastSyscall(ref machine, core) == FastSyscallOutcome.NotTaken) HandleSlowSyscall(ref machine, core);
    }

    /// <summary>
    /// The first half of <see cref="HandleSyscall"/>, for ports with a syscall fast path of their own (seL4 enters
    /// its fastpath straight from the vector): handles the syscall on a fast path if one applies, or changes
    /// nothing and returns <see cref="FastSyscallOutcome.NotTaken"/>, after which the port calls
    /// <see cref="HandleSlowSyscall"/>. A fast path reads only the calling thread's x0-x5 and x8 and writes only
    /// x0-x7 of any thread (results and message registers), never its sp, pc or pstate, and it changes no mapping
    /// or interrupt line: so a port may call this before it has saved the caller's other registers (x19-x29, sp,
    /// pc, pstate: what its own compiled code preserves), provided it saves them before anything else runs.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public FastSyscallOutcome TryFastSyscall<TMachine>(ref TMachine machine, int core) where TMachine : struct, IMachinePort
    {
        CoreState[] cores = _cores;
        KernelAssert.That((uint)core < (uint)cores.Length, AssertionSite.BoundExceeded, (ulong)core);
        _executingCore = core;
        ref CoreState state = ref cores[core];
        uint thread = state.Current;
        ref ThreadEntry entry = ref _threadEntries[thread];
        KernelAssert.That(thread != state.Idle && entry.State == ThreadState.Running, AssertionSite.BoundExceeded, thread);
        if (_config.SlowPathOnly) return FastSyscallOutcome.NotTaken;
        // The syscall number and the capability pointer every fast path starts from, read with one multiply.
        ulong[] registers = _registerWords;
        uint block = thread * UserContext.RegisterCount;
        ulong cptr = registers[block + UserContext.X0];
        if (!TryFastPath(thread, entry, core, (Syscall)registers[block + UserContext.X8], cptr)) return FastSyscallOutcome.NotTaken;
        // The fast path scheduled this core; the others are scheduled as after any entry.
        if (cores.Length > 1) ScheduleOtherCores(core);
        FlushMachineUpdates(ref machine);
        return state.Current == thread ? FastSyscallOutcome.CallerContinues : FastSyscallOutcome.Switched;
    }

    /// <summary>The general path for the current thread's syscall, after <see cref="TryFastSyscall"/> declined
    /// (nothing changed): dispatch, errors and faults, a full scheduler pass, the machine updates.</summary>
    public void HandleSlowSyscall<TMachine>(ref TMachine machine, int core) where TMachine : struct, IMachinePort
    {
        KernelAssert.That((uint)core < (uint)_cores.Length, AssertionSite.BoundExceeded, (ulong)core);
        _executingCore = core;
        uint thread = _cores[core].Current;
        KernelAssert.That(thread != _cores[core].Idle && _threads[thread].State == ThreadState.Running, AssertionSite.BoundExceeded, thread);
        HandleGeneralSyscall(ref machine, thread);
    }

    /// <summary>The general path: dispatch, errors and faults, a full scheduler pass. Not inlined, so that the
    /// fast paths' caller does not set up its <see cref="KernelResult"/> locals.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void HandleGeneralSyscall<TMachine>(ref TMachine machine, uint thread) where TMachine : struct, IMachinePort
    {
        ulong number = Register(thread, UserContext.X8);
        KernelResult result = Dispatch(ref machine, thread, (Syscall)number, out bool known);
        if (_stallQueueLength != 0) StallDestroyedThreads(ref machine);
        if (!known)
        {
            FaultInfo fault = new(FaultKind.UnknownSyscall, Register(thread, UserContext.Pc), number, 0);
            RaiseFault(ref machine, thread, fault);
        }
        else if (!result.IsOk)
        {
            WriteError(thread, result);
        }
        ScheduleAllCores();
        FlushMachineUpdates(ref machine);
    }

    /// <summary>
    /// What user code does at <c>svc #0</c>, for drivers that play the threads (simulator, scenarios,
    /// benchmarks): loads the current thread's x0-x7 and x8, handles the syscall, returns that thread's x0.
    /// The x0 returned is the status only if the thread did not block.
    /// </summary>
    public ulong MakeSyscall<TMachine>(ref TMachine machine, int core, Syscall number, ulong a0 = 0, ulong a1 = 0,
        ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0, ulong a6 = 0, ulong a7 = 0)
        where TMachine : struct, IMachinePort
    {
        KernelAssert.That(core >= 0 && core < _cores.Length, AssertionSite.BoundExceeded, (ulong)core);
        uint thread = _cores[core].Current;
        Register(thread, 0) = a0;
        Register(thread, 1) = a1;
        Register(thread, 2) = a2;
        Register(thread, 3) = a3;
        Register(thread, 4) = a4;
        Register(thread, 5) = a5;
        Register(thread, 6) = a6;
        Register(thread, 7) = a7;
        Register(thread, UserContext.X8) = (ulong)number;
        HandleSyscall(ref machine, core);
        return Register(thread, 0);
    }

    private void WriteError(uint thread, in KernelResult result)
    {
        SetStatus(thread, result.Error);
        Register(thread, ErrorReasonRegister) = (ulong)result.Reason;
        Register(thread, ErrorDetailRegister) = result.ArgumentPosition |
            ((result.FailedLookupWasSource ? 1UL : 0UL) << 8) |
            ((ulong)result.Lookup.Kind << 16) |
            ((ulong)result.Lookup.BitsLeft << 24);
        Register(thread, ErrorRangeMinRegister) = result.RangeMin;
        Register(thread, ErrorRangeMaxRegister) = result.RangeMax;
    }

    private KernelResult Dispatch<TMachine>(ref TMachine machine, uint thread, Syscall number, out bool known)
        where TMachine : struct, IMachinePort
    {
        known = true;
        switch (number)
        {
            case Syscall.Yield: YieldCurrent(thread); SetStatus(thread, KernelError.Ok); return KernelResult.Ok();
            case Syscall.Send: return SysSend(ref machine, thread, true, false);
            case Syscall.NBSend: return SysSend(ref machine, thread, false, false);
            case Syscall.Call: return SysSend(ref machine, thread, true, true);
            case Syscall.Recv: return SysRecv(ref machine, thread, Arg(thread, 0), true);
            case Syscall.NBRecv: return SysRecv(ref machine, thread, Arg(thread, 0), false);
            case Syscall.Reply: DoReply(ref machine, thread); SetStatus(thread, KernelError.Ok); return KernelResult.Ok();
            case Syscall.ReplyRecv: return SysReplyRecv(ref machine, thread);
            case Syscall.Signal: return SysSignal(thread);
            case Syscall.Wait: return SysWait(thread, true);
            case Syscall.Poll: return SysWait(thread, false);
            case Syscall.CapCopy:
            case Syscall.CapMint:
            case Syscall.CapMove:
            case Syscall.CapMutate:
            case Syscall.CapRotate:
            case Syscall.CapDelete:
            case Syscall.CapRevoke:
            case Syscall.CapCancelBadgedSends:
                return Done(thread, SysCNode(thread, number));
            case Syscall.CapSaveCaller: return Done(thread, SysSaveCaller(thread));
            case Syscall.Retype: return Done(thread, SysRetype(thread));
            case Syscall.MemoryAllocate: return SysMemoryAllocate(thread);
            case Syscall.EndpointCreate: return Done(thread, SysCreate(thread, ObjectType.Endpoint));
            case Syscall.NotificationCreate: return Done(thread, SysCreate(thread, ObjectType.Notification));
            case Syscall.ProcessCreate: return Done(thread, SysProcessCreate(thread));
            case Syscall.CapInsertInto: return Done(thread, SysCapInsertInto(thread));
            case Syscall.TcbConfigure:
            case Syscall.TcbSetPriority:
            case Syscall.TcbSetMaxControlledPriority:
            case Syscall.TcbSuspend:
            case Syscall.TcbResume:
            case Syscall.TcbWriteRegisters:
            case Syscall.TcbBindNotification:
            case Syscall.TcbUnbindNotification:
            case Syscall.TcbSetAffinity:
                return Done(thread, SysTcb(ref machine, thread, number));
            case Syscall.IrqHandlerGet:
            case Syscall.IrqHandlerGetTriggerCore:
            case Syscall.IrqAck:
            case Syscall.IrqSetNotification:
                return Done(thread, SysIrq(thread, number));
            case Syscall.Shutdown: return Done(thread, SysShutdown(ref machine, thread));
            case Syscall.DebugPutChar:
                machine.ConsoleWrite((byte)Arg(thread, 0));
                SetStatus(thread, KernelError.Ok);
                return KernelResult.Ok();
            default:
                return DispatchMemory(ref machine, thread, number, out known);
        }
    }

    /// <summary>Marks success for a handler whose only result is the status.</summary>
    private KernelResult Done(uint thread, in KernelResult result)
    {
        if (result.IsOk) SetStatus(thread, KernelError.Ok);
        return result;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ulong Arg(uint thread, int index) => Register(thread, UserContext.X0 + index);

    /// <summary>Looks up a capability of one type in the thread's CSpace; the wrong type names the argument.</summary>
    private KernelResult LookupTypedCap(uint thread, int argument, CapType type, out uint slot)
    {
        KernelResult result = LookupThreadCap(thread, Arg(thread, argument), argument, out slot);
        if (!result.IsOk) return result;
        if (_slots[slot].Cap.Type != type) return KernelResult.InvalidCapability(ErrorReason.WrongCapabilityType, argument);
        return KernelResult.Ok();
    }

    private KernelResult RequireRights(in Capability cap, CapRights needed, int argument)
    {
        return (cap.Rights & needed) == needed ? KernelResult.Ok() : KernelResult.InvalidCapability(ErrorReason.MissingRight, argument);
    }
}
