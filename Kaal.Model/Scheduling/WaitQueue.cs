namespace Kaal.Model;

/// <summary>FIFO queues of threads blocked on an endpoint or notification, linked through the threads.</summary>
public sealed partial class Kernel
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void WaitAppend(ObjectRef queueOwner, uint thread)
    {
        ref KernelObject owner = ref _objects.Get(queueOwner);
        ref ThreadEntry entry = ref _threads[thread];
        KernelAssert.That(entry.BlockedOn.IsNone && entry.WaitNext == ThreadEntry.None && entry.WaitPrev == ThreadEntry.None, AssertionSite.CdtLinkCorrupt, thread);
        entry.BlockedOn = queueOwner;
        entry.WaitPrev = owner.QueueTail;
        if (owner.QueueTail == ThreadEntry.None || owner.QueueHead == ThreadEntry.None) owner.QueueHead = thread;
        else _threads[owner.QueueTail].WaitNext = thread;
        owner.QueueTail = thread;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void WaitRemove(uint thread)
    {
        ref ThreadEntry entry = ref _threads[thread];
        ref KernelObject owner = ref _objects.Get(entry.BlockedOn);
        if (entry.WaitPrev != ThreadEntry.None) _threads[entry.WaitPrev].WaitNext = entry.WaitNext;
        else owner.QueueHead = entry.WaitNext;
        if (entry.WaitNext != ThreadEntry.None) _threads[entry.WaitNext].WaitPrev = entry.WaitPrev;
        else owner.QueueTail = entry.WaitPrev;
        entry.WaitNext = ThreadEntry.None;
        entry.WaitPrev = ThreadEntry.None;
        entry.BlockedOn = default;
        if (owner.QueueHead == ThreadEntry.None)
        {
            owner.QueueTail = ThreadEntry.None;
            if (owner.QueueKind != WaitQueueKind.Active) owner.QueueKind = WaitQueueKind.Idle;
        }
    }

    /// <summary>Takes a blocked thread out of whatever it waits on (seL4 cancelIPC), leaving it Inactive.</summary>
    private void CancelIpc(uint thread)
    {
        ref ThreadEntry entry = ref _threads[thread];
        switch (entry.State)
        {
            case ThreadState.BlockedOnSend:
            case ThreadState.BlockedOnReceive:
            case ThreadState.BlockedOnNotification:
                WaitRemove(thread);
                break;
            case ThreadState.BlockedOnReply:
                DeleteReplyCapTo(thread);
                break;
            default:
                break;
        }
        entry.FaultPending = false;
        entry.SendIsCall = false;
        if (entry.State != ThreadState.Idle && entry.State != ThreadState.Ready && entry.State != ThreadState.Running)
        {
            entry.State = ThreadState.Inactive;
        }
    }
}
