namespace Kaal.Model;

/// <summary>
/// Thread control blocks, as seL4's tcb.c: configuration (CSpace and VSpace roots, IPC buffer, fault
/// endpoint), priority within the caller's maximum controlled priority, affinity, suspend and resume,
/// registers, and notification binding. A TCB's thread-table entry lives as long as the TCB object.
/// </summary>
public sealed partial class Kernel
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ref ulong Register(uint thread, int register) => ref _threads.Register(thread, register);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void SetStatus(uint thread, KernelError status) => Register(thread, UserContext.X0) = (ulong)status;

    /// <summary>The thread a TCB capability names.</summary>
    public uint ThreadOf(in Capability tcbCap) => _objects.Get(tcbCap.Object).Thread;

    /// <summary>seL4 lookupSlot from a thread's CSpace root with the full word (bits left over are allowed).</summary>
    private bool LookupThreadSlot(uint thread, ulong cptr, out uint slot)
    {
        SlotLookup lookup = ResolveAddressBits(_threads[thread].CSpaceRoot, cptr, ObjectSizes.WordBits);
        slot = lookup.Slot;
        return lookup.IsOk;
    }

    /// <summary>Finds the capability a thread names by <paramref name="cptr"/>; a lookup fault or a null
    /// capability is an error naming the argument.</summary>
    private KernelResult LookupThreadCap(uint thread, ulong cptr, int argumentPosition, out uint slot)
    {
        SlotLookup lookup = ResolveAddressBits(_threads[thread].CSpaceRoot, cptr, ObjectSizes.WordBits);
        slot = lookup.Slot;
        if (!lookup.IsOk) return KernelResult.FailedLookupOfArgument(lookup.Fault, argumentPosition);
        if (_slots[slot].Cap.IsNull) return KernelResult.InvalidCapability(ErrorReason.NullCapability, argumentPosition);
        return KernelResult.Ok();
    }

    /// <summary>The physical address of a thread's IPC buffer, if it has one (its TCB slot holds the frame
    /// capability, which keeps the frame alive).</summary>
    private bool IpcBufferAddr(uint thread, out ulong physAddr)
    {
        ref ThreadEntry entry = ref _threads[thread];
        physAddr = 0;
        if (entry.IpcBufferFrame.IsNone) return false;
        ref KernelObject frame = ref _objects.Get(entry.IpcBufferFrame);
        physAddr = frame.PhysAddr + (entry.IpcBufferVirtAddr & (frame.SizeBytes - 1));
        return true;
    }

    /// <summary>
    /// seL4 TCB_Configure (decodeTCBConfigure in src/object/tcb.c): sets the IPC buffer (a frame capability and
    /// the buffer's virtual address), the CSpace root (a CNode capability), the VSpace root and the fault
    /// endpoint address, checked in seL4's order: the buffer first (checkValidIPCBuffer), then the CSpace root,
    /// then the VSpace root. The capabilities are looked up in <paramref name="caller"/>'s CSpace. Then, as
    /// invokeTCB_ThreadControl: each of the TCB's three kernel-owned slots is emptied and gets a capability derived
    /// from the one named (none for a zero VSpace or buffer cptr), so the thread's roots and buffer are
    /// capabilities that revoke and delete reach (KernelOwnedSlots.cs).
    /// </summary>
    public KernelResult TcbConfigure(uint caller, uint tcbSlot, ulong faultEndpointCptr, ulong cspaceRootCptr,
        ulong vspaceRootCptr, ulong ipcBufferVirtAddr, ulong ipcBufferFrameCptr)
    {
        uint frameSlot = CapSlot.None;
        KernelResult result;
        if (ipcBufferFrameCptr != 0)
        {
            result = LookupThreadCap(caller, ipcBufferFrameCptr, 5, out frameSlot);
            if (!result.IsOk) return result;
            result = CheckValidIpcBuffer(ipcBufferVirtAddr, _slots[frameSlot].Cap);
            if (!result.IsOk) return result;
        }
        result = LookupThreadCap(caller, cspaceRootCptr, 2, out uint cspaceSlot);
        if (!result.IsOk) return result;
        if (_slots[cspaceSlot].Cap.Type != CapType.CNode) return KernelResult.InvalidCapability(ErrorReason.WrongCapabilityType, 2);
        uint vspaceSlot = CapSlot.None;
        if (vspaceRootCptr != 0)
        {
            result = LookupThreadCap(caller, vspaceRootCptr, 3, out vspaceSlot);
            if (!result.IsOk) return result;
            if (_slots[vspaceSlot].Cap.Type != CapType.VSpace) return KernelResult.InvalidCapability(ErrorReason.WrongCapabilityType, 3);
        }
        uint thread = ThreadOf(_slots[tcbSlot].Cap);
        _threads[thread].FaultEndpointCptr = faultEndpointCptr;
        _threads[thread].IpcBufferVirtAddr = ipcBufferVirtAddr;
        // Each replacement inserts only while the TCB capability is still in place: a delete may destroy the TCB
        // itself (its last capability lived in the old CSpace), which empties its remaining slots.
        ReplaceKernelOwnedCap(TcbSlot(thread, TcbCTable), cspaceSlot, tcbSlot);
        ReplaceKernelOwnedCap(TcbSlot(thread, TcbVTable), vspaceSlot, tcbSlot);
        ReplaceKernelOwnedCap(TcbSlot(thread, TcbIpcBuffer), frameSlot, tcbSlot);
        return KernelResult.Ok();
    }

    /// <summary>
    /// seL4 checkValidIPCBuffer (src/arch/arm/64/kernel/vspace.c), in its order: a frame capability (the wrong
    /// type names the argument register, as every capability argument of the ABI does), not device memory
    /// (IllegalOperation: the kernel would read and write a device's registers as message words), aligned to
    /// the buffer's 1 KiB.
    /// </summary>
    private KernelResult CheckValidIpcBuffer(ulong virtAddr, in Capability frame)
    {
        if (frame.Type != CapType.Frame) return KernelResult.InvalidCapability(ErrorReason.WrongCapabilityType, 5);
        if (_objects.Get(frame.Object).IsDevice)
        {
            return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.DeviceFrameAsIpcBuffer);
        }
        if ((virtAddr & ((1UL << IpcBuffer.SizeBits) - 1)) != 0)
        {
            return KernelResult.Fail(KernelError.AlignmentError, ErrorReason.IpcBufferMisaligned);
        }
        return KernelResult.Ok();
    }

    /// <summary>seL4 TCB_SetPriority: the new priority may not exceed the caller's maximum controlled priority.</summary>
    public KernelResult TcbSetPriority(uint caller, in Capability tcbCap, ulong priority)
    {
        byte limit = _threads[caller].MaxControlledPriority;
        if (priority > limit) return KernelResult.Range(ErrorReason.PriorityAboveMaximum, 0, limit);
        uint thread = ThreadOf(tcbCap);
        ChangeScheduling(thread, (byte)priority, _threads[thread].Core);
        return KernelResult.Ok();
    }

    /// <summary>seL4 TCB_SetMCPriority: likewise bounded by the caller's own maximum.</summary>
    public KernelResult TcbSetMaxControlledPriority(uint caller, in Capability tcbCap, ulong priority)
    {
        byte limit = _threads[caller].MaxControlledPriority;
        if (priority > limit) return KernelResult.Range(ErrorReason.PriorityAboveMaximum, 0, limit);
        _threads[ThreadOf(tcbCap)].MaxControlledPriority = (byte)priority;
        return KernelResult.Ok();
    }

    /// <summary>Moves a thread to another core (its affinity). It keeps its state; a ready thread is re-queued there.</summary>
    public KernelResult TcbSetAffinity(in Capability tcbCap, ulong core)
    {
        if (core >= (ulong)_cores.Length) return KernelResult.Range(ErrorReason.CoreOutOfRange, 0, (ulong)_cores.Length - 1);
        uint thread = ThreadOf(tcbCap);
        ChangeScheduling(thread, _threads[thread].Priority, (byte)core);
        return KernelResult.Ok();
    }

    /// <summary>
    /// Gives a thread a new priority and core: a ready thread is re-queued (and may preempt); a running
    /// one that moves is taken off its core and made runnable on the new one; a running one that stays
    /// lets its core choose again; a blocked or inactive one just takes the new values.
    /// </summary>
    private void ChangeScheduling(uint thread, byte priority, byte core)
    {
        ref ThreadEntry entry = ref _threads[thread];
        bool running = entry.State == ThreadState.Running && _cores[entry.Core].Current == thread;
        if (entry.State == ThreadState.Ready || (running && core != entry.Core))
        {
            if (entry.State == ThreadState.Ready) ReadyRemove(thread);
            else LeaveRunnable(thread, ThreadState.Inactive);
            entry.Priority = priority;
            entry.Core = core;
            entry.State = ThreadState.Inactive;
            MakeRunnable(thread);
            return;
        }
        entry.Priority = priority;
        entry.Core = core;
        if (running) RescheduleRequired(core);
    }

    /// <summary>seL4 TCB_Suspend: whatever the thread was doing stops; it stays Inactive until resumed.</summary>
    public KernelResult TcbSuspend(in Capability tcbCap)
    {
        SuspendThread(ThreadOf(tcbCap));
        return KernelResult.Ok();
    }

    /// <summary>seL4 TCB_Resume: an Inactive or Faulted thread becomes runnable; others are left alone.</summary>
    public KernelResult TcbResume(in Capability tcbCap)
    {
        uint thread = ThreadOf(tcbCap);
        ThreadState state = _threads[thread].State;
        if (state != ThreadState.Inactive && state != ThreadState.Faulted) return KernelResult.Ok();
        _threads[thread].State = ThreadState.Inactive;
        _threads[thread].TimesliceLeftTicks = _config.EffectiveTimesliceTicks;
        MakeRunnable(thread);
        return KernelResult.Ok();
    }

    /// <summary>Sets where a suspended thread starts: program counter, stack pointer and first argument.</summary>
    public KernelResult TcbWriteRegisters(in Capability tcbCap, ulong pc, ulong sp, ulong arg0)
    {
        uint thread = ThreadOf(tcbCap);
        Register(thread, UserContext.Pc) = pc;
        Register(thread, UserContext.Sp) = sp;
        Register(thread, UserContext.X0) = arg0;
        return KernelResult.Ok();
    }

    /// <summary>seL4 TCB_BindNotification (decodeBindNotification in src/object/tcb.c), in its order: the thread
    /// has no bound notification; the capability may receive (Read: the bound thread receives every signal,
    /// whoever sent it); nobody waits on the notification and no other thread is bound to it.</summary>
    public KernelResult TcbBindNotification(in Capability tcbCap, in Capability notificationCap)
    {
        uint thread = ThreadOf(tcbCap);
        ref ThreadEntry entry = ref _threads[thread];
        if (!entry.BoundNotification.IsNone) return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.AlreadyBound);
        if ((notificationCap.Rights & CapRights.Read) == 0)
        {
            return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.MissingRight);
        }
        ref KernelObject notification = ref _objects.Get(notificationCap.Object);
        if (notification.QueueKind == WaitQueueKind.Waiters)
        {
            return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.NotificationHasWaiters);
        }
        if (notification.BoundThread != ThreadEntry.None) return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.AlreadyBound);
        entry.BoundNotification = notificationCap.Object;
        notification.BoundThread = thread;
        return KernelResult.Ok();
    }

    public KernelResult TcbUnbindNotification(in Capability tcbCap)
    {
        ref ThreadEntry entry = ref _threads[ThreadOf(tcbCap)];
        if (entry.BoundNotification.IsNone) return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.NotBound);
        _objects.Get(entry.BoundNotification).BoundThread = ThreadEntry.None;
        entry.BoundNotification = default;
        return KernelResult.Ok();
    }

    private void SuspendThread(uint thread)
    {
        ref ThreadEntry entry = ref _threads[thread];
        CancelIpc(thread);
        if (entry.State == ThreadState.Ready || entry.State == ThreadState.Running)
        {
            LeaveRunnable(thread, ThreadState.Inactive);
        }
        else if (_cores[entry.Core].Current == thread)
        {
            RescheduleRequired(entry.Core);
        }
        entry.State = ThreadState.Inactive;
    }

    /// <summary>Finalising a TCB (seL4 finaliseCap for a final thread capability, src/object/objecttype.c): stall the
    /// core that may be running the thread (<see cref="RequestRemoteStall"/>), stop the thread, unbind its
    /// notification, free its table entry.</summary>
    private void DestroyThread(uint thread)
    {
        RequestRemoteStall(thread);
        SuspendThread(thread);
        ReleaseCallerOfDestroyed(thread);
        DeleteThreadCaps(thread);
        ref ThreadEntry entry = ref _threads[thread];
        if (!entry.BoundNotification.IsNone && _objects.IsLive(entry.BoundNotification))
        {
            _objects.Get(entry.BoundNotification).BoundThread = ThreadEntry.None;
        }
        ref CoreState core = ref _cores[entry.Core];
        if (core.Action == SchedulerAction.SwitchTo && core.SwitchTarget == thread)
        {
            core.Action = SchedulerAction.ChooseNew;
        }
        if (core.Current == thread)
        {
            core.Current = core.Idle;
            core.Action = SchedulerAction.ChooseNew;
        }
        _threads.Free(thread);
    }
}
