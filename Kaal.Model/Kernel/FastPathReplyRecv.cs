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
        ref Thread serverEntry = ref _threads[server];
        ref readonly Capability cap = ref FastPathLookup(serverEntry, cptr);
        if (cap.Type != CapType.Endpoint || (cap.Rights & CapRights.Read) == 0) return false;
        // A pending signal on the bound notification would be received instead of blocking.
        ObjectRef bound = serverEntry.BoundNotification;
        if (!bound.IsNone && _objects.Get(bound).QueueKind == WaitQueueKind.Active) return false;
        ref KernelObject endpoint = ref _objects.Get(cap.Object);
        if (endpoint.QueueKind == WaitQueueKind.Senders) return false;
        // DoReply's conditions for answering at all; a fault reply restarts the caller instead.
        uint caller = serverEntry.ReplyTo;
        if (caller >= _threads.Capacity) return false; // Thread.None included
        ref Thread callerEntry = ref _threads[caller];
        // ThreadTable.IsLive, reading the entry once.
        if (callerEntry.Generation != serverEntry.ReplyToGeneration || callerEntry.Tcb.IsNone) return false;
        ref CoreState coreState = ref _cores[core];
        if (callerEntry.State != ThreadState.BlockedOnReply || callerEntry.AwaitingReplyFrom != server || callerEntry.FaultPending)
        {
            return false;
        }
        if (!SwitchesDirectly(core, coreState, serverEntry, callerEntry)) return false;

        serverEntry.ReplyTo = Thread.None;
        callerEntry.AwaitingReplyFrom = Thread.None;
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
