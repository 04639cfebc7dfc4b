namespace Kaal.Model;

/// <summary>
/// Reply capabilities with seL4's non-MCS lifetime. Every thread has a master reply capability in its TCB slot
/// <see cref="TcbReply"/> (seL4 setupReplyMaster, src/object/tcb.c): an original with no parent. A Call that
/// reaches a receiver puts a reply capability to the caller in the receiver's <see cref="TcbCaller"/> slot, as a
/// child of the caller's master in the derivation tree (setupCallerCap). It is the only way to answer the
/// caller, and it goes away exactly where seL4's does:
/// - Reply and ReplyRecv use it and delete it (handleReply, doReplyTransfer in src/kernel/thread.c);
/// - Recv and NBRecv on an endpoint delete an unused one first (handleRecv's deleteCallerCap, src/api/syscall.c);
/// - cancelling the caller's IPC (suspend, destroy) deletes its master's child (cancelIPC, src/object/endpoint.c);
/// - destroying the receiver deletes its slots (finaliseCap of the TCB); its caller's Call then returns
///   InvalidCapability, reason ReplierDestroyed (<see cref="ReleaseCallerOfDestroyed"/>: seL4 leaves it blocked).
/// So a caller capability exists only while the thread it names is blocked on reply, and every thread has at most
/// one (the master's only child). A reply capability names a thread, not an object (seL4's sameObjectAs never
/// matches a reply capability with a TCB capability): it is not counted against the TCB and never keeps it alive.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>seL4 cap_reply_cap: the thread it answers in <see cref="Capability.Data"/> (capTCBPtr), and Grant
    /// if the reply may carry capabilities (capReplyCanGrant).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Capability ReplyCap(uint thread, bool canGrant) =>
        new(CapType.Reply, canGrant ? CapRights.Grant : CapRights.None, default, thread, 0, 0);

    /// <summary>seL4 setupReplyMaster, done when the TCB is made (seL4 does it when the thread is first restarted;
    /// nothing can Call before that, so the difference is not observable).</summary>
    private void SetupReplyMaster(uint thread) => InsertCap(TcbSlot(thread, TcbReply), ReplyCap(thread, true), CapSlot.None, true);

    /// <summary>The thread whose reply capability <paramref name="thread"/> holds (the caller it may answer), or
    /// <see cref="ThreadEntry.None"/>.</summary>
    public uint CallerOf(uint thread)
    {
        Capability cap = _slots[TcbSlot(thread, TcbCaller)].Cap;
        return cap.IsNull ? ThreadEntry.None : (uint)cap.Data;
    }

    /// <summary>The thread holding the reply capability to <paramref name="caller"/> (its master's child is that
    /// thread's caller slot), or <see cref="ThreadEntry.None"/>.</summary>
    public uint ReplierTo(uint caller)
    {
        uint child = _slots[TcbSlot(caller, TcbReply)].FirstChild;
        return child == CapSlot.None ? ThreadEntry.None : (child - _slots.KernelOwnedBase) / TcbSlotCount;
    }

    /// <summary>Whether the reply <paramref name="thread"/> may send carries capabilities (its reply capability has Grant).</summary>
    public bool ReplyCanGrant(uint thread) => (_slots[TcbSlot(thread, TcbCaller)].Cap.Rights & CapRights.Grant) != 0;

    /// <summary>The caller blocks until <paramref name="receiver"/> uses the reply capability it gets.</summary>
    private void WaitForReply(uint caller, uint receiver, bool canGrant)
    {
        if (_threads[caller].State != ThreadState.Inactive) LeaveRunnable(caller, ThreadState.BlockedOnReply);
        SetupCallerCap(caller, receiver, canGrant);
    }

    /// <summary>
    /// seL4 setupCallerCap: the caller, already off the CPU and out of any queue, waits on reply, and the receiver's
    /// caller slot gets a reply capability derived from the caller's master. The receiver's slot is empty: it
    /// received through Recv or ReplyRecv, which emptied it (seL4 asserts the same).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void SetupCallerCap(uint caller, uint receiver, bool canGrant)
    {
        ref ThreadEntry callerEntry = ref _threads[caller];
        callerEntry.State = ThreadState.BlockedOnReply;
        callerEntry.SendIsCall = false;
        uint callerSlot = TcbSlot(receiver, TcbCaller);
        KernelAssert.That(_slots[callerSlot].Cap.IsNull, AssertionSite.SlotNotEmpty, callerSlot);
        InsertCap(callerSlot, ReplyCap(caller, canGrant), TcbSlot(caller, TcbReply), false);
    }

    /// <summary>
    /// seL4 deleteCallerCap: the thread's unused reply capability goes. Its caller stays blocked on reply with
    /// nobody able to answer it (as in seL4) until it is suspended or destroyed.
    /// </summary>
    private void DeleteCallerCap(uint thread)
    {
        uint slot = TcbSlot(thread, TcbCaller);
        if (!_slots[slot].Cap.IsNull) DeleteCapNoDestroy(slot);
    }

    /// <summary>
    /// <paramref name="replier"/> is being destroyed with a caller it has not answered. seL4 (non-MCS) deletes the
    /// reply capability and leaves the caller blocked on reply until it is suspended, destroyed or restarted; nobody
    /// can tell which thread that is (there is no reply capability left to find it by), so a client whose server died
    /// mid-request (serial_driver restarted while writing a console line) would wait forever. KaaL ends the Call
    /// instead, as it ends a wait on a destroyed endpoint: InvalidCapability, reason ReplierDestroyed; the caller may
    /// retry with the server's successor (docs/abi.md). A thread whose fault message was taken stays as in seL4: its
    /// supervisor decides.
    /// </summary>
    private void ReleaseCallerOfDestroyed(uint replier)
    {
        uint slot = TcbSlot(replier, TcbCaller);
        Capability cap = _slots[slot].Cap;
        if (cap.IsNull) return;
        uint caller = (uint)cap.Data;
        ref ThreadEntry callerEntry = ref _threads[caller];
        if (callerEntry.FaultPending) return;
        DeleteCapNoDestroy(slot);
        callerEntry.State = ThreadState.Inactive;
        SetStatus(caller, KernelError.InvalidCapability);
        Register(caller, ErrorReasonRegister) = (ulong)ErrorReason.ReplierDestroyed;
        MakeRunnable(caller);
    }

    /// <summary>seL4 cancelIPC for a thread blocked on reply: the reply capability that would answer it (its
    /// master's child, in some receiver's caller slot) is deleted.</summary>
    private void DeleteReplyCapTo(uint caller)
    {
        uint child = _slots[TcbSlot(caller, TcbReply)].FirstChild;
        if (child != CapSlot.None) DeleteCapNoDestroy(child);
    }

    /// <summary>
    /// seL4 handleReply and doReplyTransfer: answers the caller named by the replier's reply capability and deletes
    /// the capability (one reply). With no reply capability nothing happens, as in seL4. A fault reply restarts the
    /// faulted thread at the program counter in MR0 if its label is 0, and leaves it inactive otherwise.
    /// </summary>
    private void DoReply<TMachine>(ref TMachine machine, uint replier) where TMachine : struct, IMachinePort =>
        DoReplyFrom(ref machine, replier, TcbSlot(replier, TcbCaller));

    /// <summary>The reply through the reply capability in <paramref name="slot"/>: the replier's caller slot, or a slot
    /// it saved the capability into (<see cref="SysSaveCaller"/>).</summary>
    private void DoReplyFrom<TMachine>(ref TMachine machine, uint replier, uint slot) where TMachine : struct, IMachinePort
    {
        Capability cap = _slots[slot].Cap;
        if (cap.IsNull) return;
        uint caller = (uint)cap.Data;
        ref ThreadEntry callerEntry = ref _threads[caller];
        KernelAssert.That(callerEntry.State == ThreadState.BlockedOnReply, AssertionSite.ReplyTargetNotWaiting, caller);
        if (!callerEntry.FaultPending)
        {
            DoIpcTransfer(ref machine, replier, default, 0, (cap.Rights & CapRights.Grant) != 0, caller);
            DeleteCapNoDestroy(slot);
            callerEntry.State = ThreadState.Inactive;
            SetStatus(caller, KernelError.Ok);
            MakeRunnable(caller);
            return;
        }
        DeleteCapNoDestroy(slot);
        callerEntry.FaultPending = false;
        callerEntry.State = ThreadState.Inactive;
        ulong info = Register(replier, SendInfoRegister);
        if (MessageInfo.Label(info) != 0) return;
        if (MessageInfo.Length(info) >= 1) Register(caller, UserContext.Pc) = Register(replier, SendFirstMessageRegister);
        MakeRunnable(caller);
    }

    /// <summary>
    /// The reply slots as seL4 keeps them: a live thread's <see cref="TcbReply"/> holds its master (an original
    /// reply capability to itself, Grant, no parent) with at most one child, and only while the thread is blocked on
    /// reply; a <see cref="TcbCaller"/> slot is empty or holds a reply capability to another live thread, as the
    /// child of that thread's master.
    /// </summary>
    private InvariantViolation CheckReplySlots(uint thread)
    {
        ref ThreadEntry entry = ref _threads[thread];
        uint masterSlot = TcbSlot(thread, TcbReply);
        ref CapSlot master = ref _slots[masterSlot];
        uint callerSlot = TcbSlot(thread, TcbCaller);
        Capability cap = _slots[callerSlot].Cap;
        if (entry.Tcb.IsNone)
        {
            return master.Cap.IsNull && cap.IsNull ? default : Violation(InvariantKind.KernelOwnedSlotWrong, masterSlot, thread);
        }
        if (!master.Cap.SameValueAs(ReplyCap(thread, true)) || !master.IsOriginal || master.Parent != CapSlot.None)
        {
            return Violation(InvariantKind.KernelOwnedSlotWrong, masterSlot, thread);
        }
        if (master.FirstChild != CapSlot.None &&
            (entry.State != ThreadState.BlockedOnReply || _slots[master.FirstChild].NextSibling != CapSlot.None))
        {
            return Violation(InvariantKind.ReplyLinkBroken, masterSlot, thread);
        }
        if (cap.IsNull) return default;
        uint caller = (uint)cap.Data;
        bool named = cap.Type == CapType.Reply && cap.Object.IsNone && caller != thread && caller < _threads.Capacity &&
            !_threads[caller].Tcb.IsNone && _slots[callerSlot].Parent == TcbSlot(caller, TcbReply);
        return named ? default : Violation(InvariantKind.ReplyLinkBroken, callerSlot, caller);
    }
}
