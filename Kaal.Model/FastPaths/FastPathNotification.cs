namespace Kaal.Model;

/// <summary>
/// Notification fast paths: Poll, Wait on a notification with a signal pending, and Signal when it wakes
/// nobody or wakes a waiter more important than the signaller (seL4's signal fastpath case), which then runs.
/// The general path (SysWait/WaitOn/WaitNotification, SysSignal/SignalNotification, ScheduleCore) does the
/// same; a Wait that blocks and a Signal that wakes a bound thread or a less important waiter take it.
/// </summary>
public sealed partial class Kernel
{
    /// <remarks>Inlined: the null syscall (Poll) is this and the entry around it.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool FastWait(uint thread, in ThreadEntry entry, bool blocking, ulong cptr)
    {
        ref readonly Capability cap = ref FastPathLookup(entry, cptr);
        if (cap.Type != CapType.Notification || (cap.Rights & CapRights.Read) == 0) return false;
        ref KernelObject notification = ref _objects.Get(cap.Object);
        if (notification.BoundThread != ThreadEntry.None && notification.BoundThread != thread) return false;
        if (notification.QueueKind == WaitQueueKind.Active)
        {
            CompleteSignalDelivery(thread, cap.Object);
            return true;
        }
        if (blocking) return false;
        DeliverSignal(thread, 0);
        return true;
    }

    private bool FastSignal(uint signaller, in ThreadEntry signallerEntry, int core, ulong cptr)
    {
        ref readonly Capability cap = ref FastPathLookup(signallerEntry, cptr);
        if (cap.Type != CapType.Notification || (cap.Rights & CapRights.Write) == 0) return false;
        ref KernelObject notification = ref _objects.Get(cap.Object);
        ulong badge = cap.Badge;
        switch (notification.QueueKind)
        {
            case WaitQueueKind.Active:
                notification.Word |= badge;
                break;
            case WaitQueueKind.Waiters:
                uint waiter = notification.QueueHead;
                ref ThreadEntry waiterEntry = ref _threads[waiter];
                ref CoreState coreState = ref _cores[core];
                // Strictly more important: at equal priority ScheduleCore keeps the signaller running.
                if (waiterEntry.Priority <= signallerEntry.Priority || !SwitchesDirectly(core, coreState, signallerEntry, waiterEntry)) return false;
                WaitRemove(waiter);
                DeliverSignal(waiter, badge);
                // ScheduleCore puts the preempted signaller back at the head of its priority's queue.
                ReadyPrepend(signaller);
                FastPathSwitchTo(ref coreState, waiter, ref waiterEntry);
                break;
            default:
                uint bound = notification.BoundThread;
                if (bound != ThreadEntry.None && _threads[bound].State == ThreadState.BlockedOnReceive) return false;
                notification.Word = badge;
                notification.QueueKind = WaitQueueKind.Active;
                break;
        }
        SetStatus(signaller, KernelError.Ok);
        return true;
    }
}
