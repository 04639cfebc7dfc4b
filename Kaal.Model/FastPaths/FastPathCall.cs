namespace Kaal.Model;

/// <summary>
/// seL4 fastpath_call: a Call whose message fits in registers, on an endpoint where a receiver waits that
/// the caller's core would switch to. The general path (SysSend, SendIpc, WaitForReply, ScheduleCore) would
/// take the receiver off the queue, deliver the message, plan the receiver as the direct switch, block the
/// caller on the reply (a reply capability in the receiver's caller slot) and switch; this writes the state that sequence ends in.
/// </summary>
public sealed partial class Kernel
{
    private bool FastCall(uint caller, in ThreadEntry callerEntry, int core, ulong cptr)
    {
        ulong info = Register(caller, SendInfoRegister);
        // No extra caps: SysSend's CheckExtraCaps and the transfer's TransferCaps have nothing to do.
        if (!FitsInRegisters(info)) return false;
        ref readonly Capability cap = ref FastPathLookup(callerEntry, cptr);
        if (cap.Type != CapType.Endpoint || (cap.Rights & CapRights.Write) == 0 ||
            (cap.Rights & (CapRights.Grant | CapRights.GrantReply)) == 0)
        {
            return false;
        }
        ref KernelObject endpoint = ref _objects.Get(cap.Object);
        if (endpoint.QueueKind != WaitQueueKind.Receivers) return false;
        uint receiver = endpoint.QueueHead;
        ref CoreState coreState = ref _cores[core];
        ref ThreadEntry receiverEntry = ref _threads[receiver];
        if (!SwitchesDirectly(core, coreState, callerEntry, receiverEntry)) return false;

        WaitRemove(receiver);
        int length = MessageInfo.Length(info);
        _messagesDelivered++;
        CopyMessageRegisters(caller, receiver, length);
        WriteReceivedTag(receiver, cap.Badge, info, length, 0, 0);
        SetStatus(receiver, KernelError.Ok);
        // SetupCallerCap, inline as seL4's fastpath does it. The caller was the running thread, so it is in no queue
        // and its master reply capability has no child; the receiver was blocked receiving, so its caller slot is
        // empty (all links none). The receive capability's Grant decides whether the reply may carry capabilities.
        ref ThreadEntry callerState = ref _threadEntries[caller];
        callerState.State = ThreadState.BlockedOnReply;
        callerState.SendIsCall = false;
        CapSlot[] slots = _slotEntries;
        uint tcbSlots = _slots.KernelOwnedBase;
        uint callerSlot = tcbSlots + receiver * TcbSlotCount + TcbCaller;
        uint masterSlot = tcbSlots + caller * TcbSlotCount + TcbReply;
        ref CapSlot reply = ref slots[callerSlot];
        reply.Cap = ReplyCap(caller, receiverEntry.ReceiveCanGrant);
        reply.Parent = masterSlot;
        slots[masterSlot].FirstChild = callerSlot;
        FastPathSwitchTo(ref coreState, receiver, ref receiverEntry);
        return true;
    }
}
