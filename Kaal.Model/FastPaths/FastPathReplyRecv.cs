namespace Kaal.Model;

/// <summary>
/// seL4 fastpath_reply_recv: a server answers the caller waiting on its reply right with a message that fits
/// in registers, then blocks receiving on an endpoint with no sender queued, and its core switches to the
/// caller. The general path (SysReplyRecv, DoReply, ReceiveIpc, ScheduleCore) would deliver the reply, plan
/// the caller as the direct switch, queue the server as a receiver and switch; this does the same.
/// </summary>
public sealed partial class Kernel
{
    private bool FastReplyRecv(uint server, int core, ulong cptr)
    {
        ulong info = Register(server, SendInfoRegister);
        // No extra caps: DoReply's transfer has no capabilities to move whatever the reply right's Grant.
        if (!FitsInRegisters(info)) return false;
        ref ThreadEntry serverEntry = ref _threads[server];
        ref readonly Capability cap = ref FastPathLookup(serverEntry, cptr);
        if (cap.Type != CapType.Endpoint || (cap.Rights & CapRights.Read) == 0) return false;
        // A pending signal on the bound notification would be received instead of blocking.
        ObjectRef bound = serverEntry.BoundNotification;
        if (!bound.IsNone && _objects.Get(bound).QueueKind == WaitQueueKind.Active) return false;
        ref KernelObject endpoint = ref _objects.Get(cap.Object);
        if (endpoint.QueueKind == WaitQueueKind.Senders) return false;
        // DoReply's condition for answering at all: a reply capability in the server's caller slot, which names a
        // thread blocked on reply (Reply.cs); a fault reply restarts the caller instead.
        CapSlot[] slots = _slotEntries;
        ref CapSlot reply = ref slots[UncheckedTcbSlot(server, TcbCaller)];
        if (reply.Cap.Type != CapType.Reply) return false;
        uint caller = (uint)reply.Cap.Data;
        ref ThreadEntry callerEntry = ref _threadEntries[caller];
        ref CoreState coreState = ref _cores[core];
        if (callerEntry.FaultPending || !SwitchesDirectly(core, coreState, serverEntry, callerEntry)) return false;

        // DeleteCapNoDestroy of the reply capability, inline as seL4's fastpath does it: it is its parent's only
        // child, has no children, siblings or original bit, and names no object and no mapping.
        slots[reply.Parent].FirstChild = CapSlot.None;
        reply.Cap = default;
        reply.Parent = CapSlot.None;
        int length = MessageInfo.Length(info);
        _messagesDelivered++;
        CopyMessageRegisters(server, caller, length);
        WriteReceivedTag(caller, 0, info, length, 0, 0);
        SetStatus(caller, KernelError.Ok);
        // The server was the running thread, so it is in no queue.
        serverEntry.State = ThreadState.BlockedOnReceive;
        serverEntry.ReceiveCanGrant = (cap.Rights & CapRights.Grant) != 0;
        WaitAppend(cap.Object, server);
        endpoint.QueueKind = WaitQueueKind.Receivers;
        FastPathSwitchTo(ref coreState, caller, ref callerEntry);
        return true;
    }
}
