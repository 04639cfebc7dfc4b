namespace Kaal.Model;

/// <summary>
/// The invariant checker for threads, run after a kernel entry completed: every ready thread is in
/// exactly the ready queue of its core and priority and the bitmap says so; every blocked thread is in
/// exactly the wait queue of what it waits on; each core runs its current thread, which is on that core
/// and at least as important as anything ready there; TCBs and thread entries name each other.
/// Allocates nothing; O(threads + queues).
/// </summary>
public sealed partial class Kernel
{
    public InvariantViolation CheckSchedulerInvariants()
    {
        InvariantViolation violation = CheckReadyQueues();
        if (!violation.IsNone) return violation;
        violation = CheckThreadStates();
        if (!violation.IsNone) return violation;
        return CheckCores();
    }

    private InvariantViolation CheckReadyQueues()
    {
        uint queued = 0;
        for (int core = 0; core < _cores.Length; core++)
        {
            byte summary = 0;
            for (int priority = 0; priority < PriorityCount; priority++)
            {
                int queue = core * PriorityCount + priority;
                uint thread = _readyHead[queue];
                uint previous = ThreadEntry.None;
                bool bit = (_readyBits[core * BitmapWords + priority / 64] & (1UL << (priority % 64))) != 0;
                if (bit != (thread != ThreadEntry.None)) return new(InvariantKind.ReadyBitmapWrong, (uint)core, (uint)priority);
                if (bit) summary |= (byte)(1 << (priority / 64));
                for (uint step = 0; thread != ThreadEntry.None; step++)
                {
                    if (step >= _threads.Capacity || thread >= _threads.Capacity) return new(InvariantKind.ReadyQueueBroken, (uint)core, (uint)priority);
                    ref ThreadEntry entry = ref _threads[thread];
                    if (entry.State != ThreadState.Ready || entry.Core != core || entry.Priority != priority || entry.ReadyPrev != previous)
                    {
                        return new(InvariantKind.ReadyQueueBroken, thread, (uint)priority);
                    }
                    queued++;
                    previous = thread;
                    thread = entry.ReadyNext;
                }
                if (_readyTail[queue] != previous) return new(InvariantKind.ReadyQueueBroken, (uint)core, (uint)priority);
            }
            if (summary != _readySummary[core]) return new(InvariantKind.ReadyBitmapWrong, (uint)core, summary);
        }
        uint ready = 0;
        for (uint thread = 0; thread < _threads.Capacity; thread++)
        {
            if (_threads[thread].State == ThreadState.Ready) ready++;
        }
        return ready == queued ? default : new(InvariantKind.ReadyThreadNotQueued, ready, queued);
    }

    private InvariantViolation CheckThreadStates()
    {
        for (uint thread = (uint)_cores.Length; thread < _threads.Capacity; thread++)
        {
            ref ThreadEntry entry = ref _threads[thread];
            if (entry.Tcb.IsNone)
            {
                if (entry.State != ThreadState.Inactive) return new(InvariantKind.ThreadTcbLinkBroken, thread, 0);
                continue;
            }
            if (!_objects.IsLive(entry.Tcb) || _objects.Get(entry.Tcb).Kind != CapType.Tcb || _objects.Get(entry.Tcb).Thread != thread)
            {
                return new(InvariantKind.ThreadTcbLinkBroken, thread, entry.Tcb.Index);
            }
            WaitQueueKind expected = entry.State switch
            {
                ThreadState.BlockedOnSend => WaitQueueKind.Senders,
                ThreadState.BlockedOnReceive => WaitQueueKind.Receivers,
                ThreadState.BlockedOnNotification => WaitQueueKind.Waiters,
                _ => WaitQueueKind.Idle,
            };
            if (expected == WaitQueueKind.Idle)
            {
                if (!entry.BlockedOn.IsNone) return new(InvariantKind.WaitQueueBroken, thread, entry.BlockedOn.Index);
            }
            else if (!IsInWaitQueue(thread, expected))
            {
                return new(InvariantKind.BlockedThreadNotQueued, thread, entry.BlockedOn.Index);
            }
            if (entry.State == ThreadState.Running && _cores[entry.Core].Current != thread)
            {
                return new(InvariantKind.RunningThreadNotCurrent, thread, entry.Core);
            }
        }
        return default;
    }

    /// <summary>Walks the queue of what the thread waits on; the queue must hold it, in the right kind.</summary>
    private bool IsInWaitQueue(uint thread, WaitQueueKind expected)
    {
        ObjectRef owner = _threads[thread].BlockedOn;
        if (owner.IsNone || !_objects.IsLive(owner)) return false;
        ref KernelObject queue = ref _objects.Get(owner);
        if (queue.QueueKind != expected) return false;
        uint cursor = queue.QueueHead;
        uint previous = ThreadEntry.None;
        bool found = false;
        for (uint step = 0; cursor != ThreadEntry.None; step++)
        {
            if (step >= _threads.Capacity || cursor >= _threads.Capacity) return false;
            ref ThreadEntry member = ref _threads[cursor];
            if (!member.BlockedOn.SameAs(owner) || member.WaitPrev != previous) return false;
            if (cursor == thread) found = true;
            previous = cursor;
            cursor = member.WaitNext;
        }
        return found && queue.QueueTail == previous;
    }

    private InvariantViolation CheckCores()
    {
        for (int core = 0; core < _cores.Length; core++)
        {
            ref CoreState state = ref _cores[core];
            if (state.Action != SchedulerAction.ResumeCurrent) return new(InvariantKind.CurrentThreadWrong, (uint)core, (uint)state.Action);
            uint current = state.Current;
            int highest = HighestReadyPriority(core);
            if (current == state.Idle)
            {
                if (highest >= 0) return new(InvariantKind.LowerPriorityRunning, (uint)core, (uint)highest);
                continue;
            }
            ref ThreadEntry entry = ref _threads[current];
            if (entry.State != ThreadState.Running || entry.Core != core) return new(InvariantKind.CurrentThreadWrong, (uint)core, current);
            if (highest > entry.Priority) return new(InvariantKind.LowerPriorityRunning, (uint)core, current);
        }
        return default;
    }
}
