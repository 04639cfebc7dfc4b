namespace Kaal.Model;

/// <summary>
/// seL4's scheduler: 256 priorities (higher = more important), a FIFO ready queue per priority and core,
/// an O(1) pick through a two-level bitmap, round-robin by timeslice, direct switch to a woken thread
/// when it is at least as important as anything ready. Decisions take effect when the kernel exits
/// (<see cref="ScheduleAllCores"/>), exactly once per kernel entry.
/// </summary>
public sealed partial class Kernel
{
    public const int PriorityCount = 256;
    private const int BitmapWords = PriorityCount / 64;

    public int CoreCount => _cores.Length;

    public ref readonly CoreState Core(int core) => ref _cores[core];

    public ref readonly ThreadEntry ThreadAt(uint thread) => ref _threads[thread];

    public ThreadTable Threads => _threads;

    /// <summary>The core whose kernel entry is running (the big kernel lock's holder).</summary>
    public int ExecutingCore => _executingCore;

    /// <summary>The highest priority with a ready thread on <paramref name="core"/>, or -1.</summary>
    public int HighestReadyPriority(int core)
    {
        int summary = _readySummary[core];
        if (summary == 0) return -1;
        int word = summary >= 8 ? 3 : summary >= 4 ? 2 : summary >= 2 ? 1 : 0;
        return word * 64 + HighestBit(_readyBits[core * BitmapWords + word]);
    }

    public uint ReadyQueueHead(int core, int priority) => _readyHead[core * PriorityCount + priority];

    /// <summary>Whether no thread more important than <paramref name="priority"/> is ready on <paramref name="core"/>
    /// (<see cref="HighestReadyPriority"/> &lt;= it), read from the bitmap without finding the highest bit.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool NoReadyAbove(int core, byte priority)
    {
        int word = priority / 64;
        // Two shifts: the bits above the priority's own, even for bit 63.
        ulong aboveInWord = (_readyBits[core * BitmapWords + word] >> (priority % 64)) >> 1;
        return aboveInWord == 0 && (_readySummary[core] >> (word + 1)) == 0;
    }

    private static int HighestBit(ulong value)
    {
        int bit = 0;
        if ((value >> 32) != 0) { value >>= 32; bit += 32; }
        if ((value >> 16) != 0) { value >>= 16; bit += 16; }
        if ((value >> 8) != 0) { value >>= 8; bit += 8; }
        if ((value >> 4) != 0) { value >>= 4; bit += 4; }
        if ((value >> 2) != 0) { value >>= 2; bit += 2; }
        if ((value >> 1) != 0) { bit += 1; }
        return bit;
    }

    private void ReadyAppend(uint thread) => ReadyInsert(thread, false);

    private void ReadyPrepend(uint thread) => ReadyInsert(thread, true);

    private void ReadyInsert(uint thread, bool atHead)
    {
        ref ThreadEntry entry = ref _threads[thread];
        KernelAssert.That(entry.ReadyNext == ThreadEntry.None && entry.ReadyPrev == ThreadEntry.None, AssertionSite.CdtLinkCorrupt, thread);
        entry.State = ThreadState.Ready;
        int queue = entry.Core * PriorityCount + entry.Priority;
        uint head = _readyHead[queue];
        if (head == ThreadEntry.None)
        {
            _readyHead[queue] = thread;
            _readyTail[queue] = thread;
            int word = entry.Priority / 64;
            _readyBits[entry.Core * BitmapWords + word] |= 1UL << (entry.Priority % 64);
            _readySummary[entry.Core] |= (byte)(1 << word);
        }
        else if (atHead)
        {
            entry.ReadyNext = head;
            _threads[head].ReadyPrev = thread;
            _readyHead[queue] = thread;
        }
        else
        {
            uint tail = _readyTail[queue];
            entry.ReadyPrev = tail;
            _threads[tail].ReadyNext = thread;
            _readyTail[queue] = thread;
        }
    }

    private void ReadyRemove(uint thread)
    {
        ref ThreadEntry entry = ref _threads[thread];
        KernelAssert.That(entry.State == ThreadState.Ready, AssertionSite.CdtLinkCorrupt, thread);
        int queue = entry.Core * PriorityCount + entry.Priority;
        if (entry.ReadyPrev != ThreadEntry.None) _threads[entry.ReadyPrev].ReadyNext = entry.ReadyNext;
        else _readyHead[queue] = entry.ReadyNext;
        if (entry.ReadyNext != ThreadEntry.None) _threads[entry.ReadyNext].ReadyPrev = entry.ReadyPrev;
        else _readyTail[queue] = entry.ReadyPrev;
        entry.ReadyNext = ThreadEntry.None;
        entry.ReadyPrev = ThreadEntry.None;
        if (_readyHead[queue] == ThreadEntry.None)
        {
            int word = entry.Priority / 64;
            ref ulong bits = ref _readyBits[entry.Core * BitmapWords + word];
            bits &= ~(1UL << (entry.Priority % 64));
            if (bits == 0) _readySummary[entry.Core] &= (byte)~(1 << word);
        }
    }

    /// <summary>Takes a thread off the CPU or out of the ready queue before it blocks or stops.</summary>
    private void LeaveRunnable(uint thread, ThreadState newState)
    {
        ref ThreadEntry entry = ref _threads[thread];
        if (entry.State == ThreadState.Ready)
        {
            ReadyRemove(thread);
        }
        ref CoreState core = ref _cores[entry.Core];
        entry.State = newState;
        // seL4 scheduleTCB: a direct switch already planned stays planned; it will replace this thread.
        if (core.Current == thread && core.Action == SchedulerAction.ResumeCurrent)
        {
            core.Action = SchedulerAction.ChooseNew;
        }
    }

    /// <summary>seL4 rescheduleRequired: forget any planned direct switch (its target goes back to the queue).</summary>
    private void RescheduleRequired(int core)
    {
        ref CoreState state = ref _cores[core];
        if (state.Action == SchedulerAction.SwitchTo)
        {
            ReadyAppend(state.SwitchTarget);
        }
        state.Action = SchedulerAction.ChooseNew;
    }

    /// <summary>
    /// seL4 possibleSwitchTo for a thread that just became runnable: on the executing core, plan a direct
    /// switch if nothing else is planned; on another core, queue it and preempt that core's current
    /// thread if the woken one is more important (the model's inter-processor interrupt).
    /// </summary>
    private void MakeRunnable(uint thread)
    {
        ref ThreadEntry entry = ref _threads[thread];
        KernelAssert.That(entry.State != ThreadState.Ready && entry.State != ThreadState.Running && entry.State != ThreadState.Idle, AssertionSite.CdtLinkCorrupt, thread);
        int core = entry.Core;
        ref CoreState state = ref _cores[core];
        if (core == _executingCore && state.Action == SchedulerAction.ResumeCurrent)
        {
            entry.State = ThreadState.Ready;
            state.Action = SchedulerAction.SwitchTo;
            state.SwitchTarget = thread;
            return;
        }
        ReadyAppend(thread);
        if (core != _executingCore)
        {
            uint current = state.Current;
            bool preempts = current == state.Idle || entry.Priority > _threads[current].Priority;
            if (preempts) RescheduleRequired(core);
        }
        else
        {
            RescheduleRequired(core);
        }
    }

    /// <summary>Runs every core's pending scheduling decision; the last step of every kernel entry.</summary>
    public void ScheduleAllCores()
    {
        for (int core = 0; core < _cores.Length; core++)
        {
            ScheduleCore(core);
        }
    }

    /// <summary>What <see cref="ScheduleAllCores"/> does for every core but <paramref name="done"/>, whose decision
    /// is already taken (cores are scheduled independently: each pass touches only its own core's threads).</summary>
    private void ScheduleOtherCores(int done)
    {
        for (int core = 0; core < _cores.Length; core++)
        {
            if (core != done) ScheduleCore(core);
        }
    }

    private void ScheduleCore(int core)
    {
        ref CoreState state = ref _cores[core];
        uint current = state.Current;
        // A thread that moved to another core is no longer this core's to run, whatever its state.
        bool currentRunnable = current != state.Idle && _threads[current].State == ThreadState.Running && _threads[current].Core == core;
        if (state.Action == SchedulerAction.ResumeCurrent)
        {
            if (currentRunnable || current == state.Idle) return;
            state.Action = SchedulerAction.ChooseNew;
        }
        if (currentRunnable)
        {
            ReadyPrepend(current);
        }
        if (state.Action == SchedulerAction.SwitchTo)
        {
            uint candidate = state.SwitchTarget;
            int highest = HighestReadyPriority(core);
            int candidatePriority = _threads[candidate].Priority;
            bool tieWithCurrent = currentRunnable && candidatePriority == _threads[current].Priority;
            state.Action = SchedulerAction.ResumeCurrent;
            if (candidatePriority > highest || (candidatePriority == highest && !tieWithCurrent))
            {
                SwitchTo(core, candidate);
                return;
            }
            ReadyAppend(candidate);
        }
        state.Action = SchedulerAction.ResumeCurrent;
        int priority = HighestReadyPriority(core);
        if (priority < 0)
        {
            state.Current = state.Idle;
            return;
        }
        uint next = _readyHead[core * PriorityCount + priority];
        ReadyRemove(next);
        SwitchTo(core, next);
    }

    private void SwitchTo(int core, uint thread)
    {
        _threads[thread].State = ThreadState.Running;
        _cores[core].Current = thread;
    }

    /// <summary>
    /// A timer tick on <paramref name="core"/>: the current thread's timeslice shrinks; when it is used
    /// up the thread gets a fresh one and goes to the back of its priority's queue.
    /// </summary>
    public void Tick(int core)
    {
        KernelAssert.That(core >= 0 && core < _cores.Length, AssertionSite.BoundExceeded, (ulong)core);
        _executingCore = core;
        uint current = _cores[core].Current;
        if (current != _cores[core].Idle && _threads[current].State == ThreadState.Running)
        {
            ref ThreadEntry entry = ref _threads[current];
            if (entry.TimesliceLeftTicks > 1)
            {
                entry.TimesliceLeftTicks--;
            }
            else
            {
                entry.TimesliceLeftTicks = _config.EffectiveTimesliceTicks;
                entry.State = ThreadState.Inactive;
                ReadyAppend(current);
                RescheduleRequired(core);
            }
        }
        ScheduleAllCores();
    }

    /// <summary>
    /// A timer preemption chosen by an explorer: the current thread of <paramref name="core"/> loses the
    /// rest of its timeslice and <paramref name="thread"/>, ready at the same priority, runs. On the machine
    /// this is what timer ticks falling at the right instructions produce (repeated ticks rotate the queue
    /// to any of its threads); the simulator uses it to explore every interleaving of equal priorities.
    /// </summary>
    public void PreemptFor(int core, uint thread)
    {
        KernelAssert.That(core >= 0 && core < _cores.Length, AssertionSite.BoundExceeded, (ulong)core);
        ref CoreState state = ref _cores[core];
        ref ThreadEntry entry = ref _threads[thread];
        uint current = state.Current;
        KernelAssert.That(entry.State == ThreadState.Ready && entry.Core == core, AssertionSite.BoundExceeded, thread);
        KernelAssert.That(state.Action == SchedulerAction.ResumeCurrent, AssertionSite.BoundExceeded, (ulong)core);
        if (current != state.Idle)
        {
            ref ThreadEntry running = ref _threads[current];
            KernelAssert.That(running.State == ThreadState.Running && running.Priority == entry.Priority, AssertionSite.BoundExceeded, current);
            running.TimesliceLeftTicks = _config.EffectiveTimesliceTicks;
            running.State = ThreadState.Inactive;
            ReadyAppend(current);
        }
        ReadyRemove(thread);
        SwitchTo(core, thread);
    }

    /// <summary>seL4_Yield: the current thread goes to the back of its priority's queue.</summary>
    private void YieldCurrent(uint thread)
    {
        ref ThreadEntry entry = ref _threads[thread];
        entry.State = ThreadState.Inactive;
        ReadyAppend(thread);
        RescheduleRequired(entry.Core);
    }
}
