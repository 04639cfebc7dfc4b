namespace Kaal.Model;

/// <summary>
/// Endpoints: synchronous rendezvous with FIFO queues of senders or receivers, as seL4's endpoint.c.
/// A message moves from the sender's registers (and IPC buffer) to the receiver's at the rendezvous;
/// a Call leaves the receiver a reply capability (Reply.cs).
/// </summary>
public sealed partial class Kernel
{
    /// <summary>Message registers of a sending thread: x1 info, x2..x5 MR0..MR3.</summary>
    private const int SendInfoRegister = 1;
    private const int SendFirstMessageRegister = 2;
    /// <summary>Results of a receive: x0 status, x1 badge, x2 info, x3..x6 MR0..MR3.</summary>
    private const int ReceiveBadgeRegister = 1;
    private const int ReceiveInfoRegister = 2;
    private const int ReceiveFirstMessageRegister = 3;

    private void SendIpc<TMachine>(ref TMachine machine, uint sender, in Capability endpointCap, bool blocking, bool isCall)
        where TMachine : struct, IMachinePort
    {
        ObjectRef endpoint = endpointCap.Object;
        ref KernelObject queue = ref _objects.Get(endpoint);
        bool canGrant = (endpointCap.Rights & CapRights.Grant) != 0;
        bool canGrantReply = (endpointCap.Rights & CapRights.GrantReply) != 0;
        if (queue.QueueKind != WaitQueueKind.Receivers)
        {
            if (!blocking)
            {
                SetStatus(sender, KernelError.Ok);
                return;
            }
            ref ThreadEntry entry = ref _threads[sender];
            LeaveRunnable(sender, ThreadState.BlockedOnSend);
            entry.SendBadge = endpointCap.Badge;
            entry.SendCanGrant = canGrant;
            entry.SendCanGrantReply = canGrantReply;
            entry.SendIsCall = isCall;
            WaitAppend(endpoint, sender);
            queue.QueueKind = WaitQueueKind.Senders;
            return;
        }
        uint receiver = queue.QueueHead;
        WaitRemove(receiver);
        _threads[receiver].State = ThreadState.Inactive;
        bool replyCanGrant = _threads[receiver].ReceiveCanGrant;
        DoIpcTransfer(ref machine, sender, endpoint, endpointCap.Badge, canGrant, receiver);
        SetStatus(receiver, KernelError.Ok);
        // Wake first, block second, as seL4 does: the receiver becomes the planned direct switch.
        MakeRunnable(receiver);
        if (isCall)
        {
            WaitForReply(sender, receiver, replyCanGrant);
        }
        else
        {
            SetStatus(sender, KernelError.Ok);
        }
    }

    private void ReceiveIpc<TMachine>(ref TMachine machine, uint receiver, in Capability endpointCap, bool blocking)
        where TMachine : struct, IMachinePort
    {
        ObjectRef bound = _threads[receiver].BoundNotification;
        if (!bound.IsNone && _objects.Get(bound).QueueKind == WaitQueueKind.Active)
        {
            CompleteSignalDelivery(receiver, bound);
            return;
        }
        ObjectRef endpoint = endpointCap.Object;
        ref KernelObject queue = ref _objects.Get(endpoint);
        if (queue.QueueKind != WaitQueueKind.Senders)
        {
            if (!blocking)
            {
                DeliverEmptyMessage(receiver);
                return;
            }
            LeaveRunnable(receiver, ThreadState.BlockedOnReceive);
            _threads[receiver].ReceiveCanGrant = (endpointCap.Rights & CapRights.Grant) != 0;
            WaitAppend(endpoint, receiver);
            queue.QueueKind = WaitQueueKind.Receivers;
            return;
        }
        uint sender = queue.QueueHead;
        ref ThreadEntry senderEntry = ref _threads[sender];
        WaitRemove(sender);
        senderEntry.State = ThreadState.Inactive;
        bool senderIsCall = senderEntry.SendIsCall;
        if (senderEntry.FaultPending)
        {
            DoFaultTransfer(sender, senderEntry.SendBadge, receiver);
        }
        else
        {
            DoIpcTransfer(ref machine, sender, endpoint, senderEntry.SendBadge, senderEntry.SendCanGrant, receiver);
        }
        SetStatus(receiver, KernelError.Ok);
        if (senderIsCall)
        {
            WaitForReply(sender, receiver, (endpointCap.Rights & CapRights.Grant) != 0);
        }
        else
        {
            SetStatus(sender, KernelError.Ok);
            MakeRunnable(sender);
        }
    }

    /// <summary>
    /// seL4 doNormalTransfer: copies the message registers (only those in CPU registers when either side
    /// has no IPC buffer), transfers or unwraps up to three capabilities when the sender may grant, and
    /// writes the receiver's badge and tag.
    /// </summary>
    private void DoIpcTransfer<TMachine>(ref TMachine machine, uint sender, ObjectRef endpoint, ulong badge, bool canGrant, uint receiver)
        where TMachine : struct, IMachinePort
    {
        _messagesDelivered++;
        ulong info = Register(sender, SendInfoRegister);
        int length = MessageInfo.Length(info);
        if (length > MessageInfo.MaxLength) length = MessageInfo.MaxLength;
        bool senderHasBuffer = IpcBufferAddr(sender, out ulong senderBuffer);
        bool receiverHasBuffer = IpcBufferAddr(receiver, out ulong receiverBuffer);
        if ((!senderHasBuffer || !receiverHasBuffer) && length > MessageInfo.RegisterMessageCount)
        {
            length = MessageInfo.RegisterMessageCount;
        }
        CopyMessageRegisters(sender, receiver, length);
        for (int index = MessageInfo.RegisterMessageCount; index < length; index++)
        {
            ulong offset = (ulong)(IpcBuffer.FirstMessageWord + index) * 8;
            machine.WriteWord(receiverBuffer + offset, machine.ReadWord(senderBuffer + offset));
        }
        int extraCaps = 0;
        int unwrapped = 0;
        int requestedCaps = MessageInfo.ExtraCaps(info);
        if (canGrant && requestedCaps > 0 && senderHasBuffer)
        {
            TransferCaps(ref machine, sender, senderBuffer, requestedCaps, endpoint, receiver, receiverHasBuffer, receiverBuffer, out extraCaps, out unwrapped);
        }
        WriteReceivedTag(receiver, badge, info, length, extraCaps, unwrapped);
    }

    /// <summary>The message registers that travel in CPU registers: the first <paramref name="length"/> of them, at most four.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void CopyMessageRegisters(uint sender, uint receiver, int length)
    {
        ulong[] registers = _threads.RegisterWords;
        uint from = sender * UserContext.RegisterCount + SendFirstMessageRegister;
        uint to = receiver * UserContext.RegisterCount + ReceiveFirstMessageRegister;
        for (uint index = 0; index < (uint)length && index < MessageInfo.RegisterMessageCount; index++)
        {
            registers[to + index] = registers[from + index];
        }
    }

    /// <summary>What a receiver learns besides the message: the badge, and the sender's label with the length
    /// and capabilities actually delivered.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void WriteReceivedTag(uint receiver, ulong badge, ulong senderInfo, int length, int extraCaps, int unwrapped)
    {
        ulong[] registers = _threads.RegisterWords;
        uint first = receiver * UserContext.RegisterCount;
        registers[first + ReceiveBadgeRegister] = badge;
        registers[first + ReceiveInfoRegister] = MessageInfo.Make(MessageInfo.Label(senderInfo), length, extraCaps, unwrapped);
    }

    /// <summary>
    /// seL4 transferCaps: a capability to the endpoint the message came through is unwrapped (its badge is
    /// written to the receiver's buffer); any other goes, derived from the sender's, into the one receive
    /// slot the receiver named. Transfer stops at the first capability that cannot be delivered.
    /// </summary>
    private void TransferCaps<TMachine>(ref TMachine machine, uint sender, ulong senderBuffer, int requestedCaps, ObjectRef endpoint,
        uint receiver, bool receiverHasBuffer, ulong receiverBuffer, out int extraCaps, out int unwrapped)
        where TMachine : struct, IMachinePort
    {
        extraCaps = 0;
        unwrapped = 0;
        if (!receiverHasBuffer) return;
        uint destSlot = ReceiveSlot(ref machine, receiver, receiverBuffer);
        for (int index = 0; index < requestedCaps; index++)
        {
            ulong cptr = machine.ReadWord(senderBuffer + (ulong)(IpcBuffer.FirstCapOrBadge + index) * 8);
            if (!LookupThreadSlot(sender, cptr, out uint sourceSlot)) return;
            Capability cap = _slots[sourceSlot].Cap;
            if (cap.IsNull) return;
            ulong badgeWord = receiverBuffer + (ulong)(IpcBuffer.FirstCapOrBadge + index) * 8;
            if (cap.Type == CapType.Endpoint && !endpoint.IsNone && cap.Object.SameAs(endpoint))
            {
                machine.WriteWord(badgeWord, cap.Badge);
                unwrapped |= 1 << index;
            }
            else
            {
                if (destSlot == CapSlot.None) return;
                if (!DeriveCap(sourceSlot, cap, out Capability derived).IsOk) return;
                InsertDerived(sourceSlot, destSlot, derived);
                destSlot = CapSlot.None;
            }
            extraCaps = index + 1;
        }
    }

    /// <summary>seL4 getReceiveSlots: the empty slot a receiver named in its IPC buffer (a CNode capability
    /// address in its CSpace, then index and depth inside that CNode), or none.</summary>
    private uint ReceiveSlot<TMachine>(ref TMachine machine, uint receiver, ulong receiverBuffer) where TMachine : struct, IMachinePort
    {
        ulong cnodeCptr = machine.ReadWord(receiverBuffer + IpcBuffer.ReceiveCNode * 8);
        ulong index = machine.ReadWord(receiverBuffer + IpcBuffer.ReceiveIndex * 8);
        ulong depth = machine.ReadWord(receiverBuffer + IpcBuffer.ReceiveDepth * 8);
        if (!LookupThreadSlot(receiver, cnodeCptr, out uint nodeSlot) || depth > ObjectSizes.WordBits) return CapSlot.None;
        if (!LookupSlot(_slots[nodeSlot].Cap, index, (int)depth, false, out uint slot).IsOk) return CapSlot.None;
        return _slots[slot].Cap.IsNull ? slot : CapSlot.None;
    }

    /// <summary>
    /// seL4 cancelBadgedSends (src/object/endpoint.c): every thread queued sending on the endpoint with
    /// <paramref name="badge"/> leaves the queue, in queue order; the others keep their places. seL4 restarts
    /// them (ThreadState_Restart: the thread makes its syscall again). A thread that was sending a fault does
    /// exactly that here: it resumes at the instruction that faulted, so it faults again. A thread that was in
    /// SEND or CALL cannot be made to re-execute its svc by the portable kernel, so its syscall returns
    /// InvalidCapability with reason BadgedSendCancelled instead (docs/abi.md): it may simply retry.
    /// </summary>
    private void CancelBadgedSends(ObjectRef endpoint, ulong badge)
    {
        ref KernelObject queue = ref _objects.Get(endpoint);
        if (queue.QueueKind != WaitQueueKind.Senders) return;
        uint next = queue.QueueHead;
        for (uint step = 0; next != ThreadEntry.None; step++)
        {
            KernelAssert.That(step < _threads.Capacity, AssertionSite.BoundExceeded, step);
            uint sender = next;
            ref ThreadEntry entry = ref _threads[sender];
            next = entry.WaitNext;
            if (entry.SendBadge != badge) continue;
            bool wasFault = entry.FaultPending;
            CancelIpc(sender);
            if (!wasFault)
            {
                SetStatus(sender, KernelError.InvalidCapability);
                Register(sender, ErrorReasonRegister) = (ulong)ErrorReason.BadgedSendCancelled;
            }
            MakeRunnable(sender);
        }
    }

    private void DeliverEmptyMessage(uint receiver)
    {
        SetStatus(receiver, KernelError.Ok);
        Register(receiver, ReceiveBadgeRegister) = 0;
        Register(receiver, ReceiveInfoRegister) = 0;
    }
}
