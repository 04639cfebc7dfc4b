namespace Kaal.Model;

/// <summary>
/// Notifications, as seL4's notification.c: a word that Signal ORs badges into and Wait takes and clears,
/// a FIFO of waiters, and an optional bound thread that receives signals while it waits on an endpoint.
/// </summary>
public sealed partial class Kernel
{
    private void SignalNotification(ObjectRef notification, ulong badge)
    {
        ref KernelObject entry = ref _objects.Get(notification);
        switch (entry.QueueKind)
        {
            case WaitQueueKind.Waiters:
                uint waiter = entry.QueueHead;
                WaitRemove(waiter);
                _threads[waiter].State = ThreadState.Inactive;
                DeliverSignal(waiter, badge);
                MakeRunnable(waiter);
                return;
            case WaitQueueKind.Active:
                entry.Word |= badge;
                return;
            default:
                uint bound = entry.BoundThread;
                if (bound != ThreadEntry.None && _threads[bound].State == ThreadState.BlockedOnReceive)
                {
                    CancelIpc(bound);
                    DeliverSignal(bound, badge);
                    MakeRunnable(bound);
                    return;
                }
                entry.Word = badge;
                entry.QueueKind = WaitQueueKind.Active;
                return;
        }
    }

    private void WaitNotification(uint thread, ObjectRef notification, bool blocking)
    {
        ref KernelObject entry = ref _objects.Get(notification);
        if (entry.QueueKind == WaitQueueKind.Active)
        {
            CompleteSignalDelivery(thread, notification);
            return;
        }
        if (!blocking)
        {
            DeliverSignal(thread, 0);
            return;
        }
        LeaveRunnable(thread, ThreadState.BlockedOnNotification);
        WaitAppend(notification, thread);
        entry.QueueKind = WaitQueueKind.Waiters;
    }

    /// <summary>Hands an active notification's word to a thread and clears it.</summary>
    private void CompleteSignalDelivery(uint thread, ObjectRef notification)
    {
        ref KernelObject entry = ref _objects.Get(notification);
        DeliverSignal(thread, entry.Word);
        entry.Word = 0;
        entry.QueueKind = WaitQueueKind.Idle;
    }

    /// <summary>A signal as a receive result: status ok, the badge word, an empty tag.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void DeliverSignal(uint thread, ulong word)
    {
        SetStatus(thread, KernelError.Ok);
        Register(thread, ReceiveBadgeRegister) = word;
        Register(thread, ReceiveInfoRegister) = 0;
    }

    /// <summary>Wakes every waiter of a destroyed endpoint or notification with InvalidCapability.</summary>
    private void CancelAllWaiters(ObjectRef queueOwner)
    {
        ref KernelObject entry = ref _objects.Get(queueOwner);
        for (uint step = 0; entry.QueueHead != ThreadEntry.None; step++)
        {
            KernelAssert.That(step < _threads.Capacity, AssertionSite.BoundExceeded, step);
            uint waiter = entry.QueueHead;
            CancelIpc(waiter);
            SetStatus(waiter, KernelError.InvalidCapability);
            MakeRunnable(waiter);
        }
        if (entry.Kind == CapType.Notification && entry.BoundThread != ThreadEntry.None)
        {
            _threads[entry.BoundThread].BoundNotification = default;
            entry.BoundThread = ThreadEntry.None;
        }
    }
}
