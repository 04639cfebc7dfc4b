using System.Collections.Generic;
using Kaal.Model;
using Kaal.Sim.Runtime.WeakMemory;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The simulation's step log and structured events (only with <c>keepStepLog</c>: they cost allocation, so the
/// simulation has no recorder otherwise and every call site goes through <c>recorder?.</c>, which evaluates no
/// argument then): a line and an event per thing a thread does (one to one, in step order: <c>StepLog[i]</c> is
/// <c>Events[i]</c> in words), wake-ups with the thread whose syscall caused them, and under ARMv8 the writes loads
/// read early or stale.
/// </summary>
internal sealed class StepRecorder(SimState state, WaitTargets waits, SyscallDescriber syscalls)
{
    private readonly List<string> _log = new();
    private readonly List<SimEvent> _events = new();
    private ThreadState[] _statesBeforeSyscall = [];

    public IReadOnlyList<string> Lines => _log;

    public IReadOnlyList<SimEvent> Events => _events;

    public void Clear()
    {
        _log.Clear();
        _events.Clear();
    }

    public void Note(int step, SimEventKind kind, SimThread sim, string text, string? fromThread = null, int fromStep = -1)
    {
        _log.Add($"{step,5}: {sim.Name} {text}");
        _events.Add(new SimEvent(step, kind, sim.Name, state.Kernel.ThreadAt(sim.ModelThread).Core, text, fromThread, fromStep));
    }

    /// <summary>What the devices did (an interrupt delivered, held back, repeated): a lane of its own on a timeline.</summary>
    public void NoteDevice(int step, string text)
    {
        _log.Add($"{step,5}: {text}");
        _events.Add(new SimEvent(step, SimEventKind.Interrupt, SimEvent.DevicesLane, 0, text));
    }

    /// <summary>An event found after the fact (where a deadlock formed): after the others of its step, so the step log
    /// and the events stay in step order and one to one.</summary>
    public void NoteAt(int step, SimEventKind kind, SimThread sim, string text)
    {
        int at = _events.Count;
        while (at > 0 && _events[at - 1].Step > step) at--;
        _log.Insert(at, $"{step,5}: {sim.Name} {text}");
        _events.Insert(at, new SimEvent(step, kind, sim.Name, state.Kernel.ThreadAt(sim.ModelThread).Core, text));
    }

    /// <summary>Before a syscall: every thread's state, so <see cref="NoteSyscall"/> can tell whom it woke.</summary>
    public void RememberThreadStates()
    {
        List<SimThread> threads = state.Threads.All;
        if (_statesBeforeSyscall.Length != threads.Count) _statesBeforeSyscall = new ThreadState[threads.Count];
        for (int index = 0; index < threads.Count; index++) _statesBeforeSyscall[index] = state.Kernel.ThreadAt(threads[index].ModelThread).State;
    }

    /// <summary>The syscall, whether it blocked the caller (on what), and every thread it made runnable.</summary>
    public void NoteSyscall(SimThread sim, int step, bool stillRunning)
    {
        Kernel kernel = state.Kernel;
        ref PendingOperation op = ref sim.Pending;
        uint thread = sim.ModelThread;
        string received = stillRunning && syscalls.Received(sim, op.Number, nameCaller: true) is string own ? $": {own}" : "";
        Note(step, SimEventKind.Syscall, sim, $"{syscalls.Text(sim, op)} -> {(stillRunning ? ((KernelError)kernel.Register(thread, 0)).ToString() : "blocks")}{received}");
        if (!stillRunning && IsBlocked(kernel.ThreadAt(thread).State))
        {
            Note(step, SimEventKind.Block, sim, $"blocks: {kernel.ThreadAt(thread).State} on {waits.WaitTarget(sim)}");
        }
        List<SimThread> threads = state.Threads.All;
        for (int index = 0; index < threads.Count; index++)
        {
            SimThread other = threads[index];
            ThreadState now = kernel.ThreadAt(other.ModelThread).State;
            if (other == sim || !IsBlocked(_statesBeforeSyscall[index]) || IsBlocked(now)) continue;
            string got = other.Status == SimThreadStatus.InKernel && other.Pending.Kind == OperationKind.Syscall && syscalls.Received(other, other.Pending.Number, nameCaller: false) is string message
                ? $": {message}" : "";
            Note(step, SimEventKind.Wake, other, $"woken by {sim.Name}'s {op.Number}{got}", sim.Name, step);
        }
    }

    /// <summary>A fault (what happened, by its kind) and where the kernel sent it: the fault endpoint it now waits on,
    /// or nowhere (unhandled: the run ends).</summary>
    public void NoteFault(int step, SimThread sim, string what, bool unhandled) =>
        Note(step, SimEventKind.Fault, sim, unhandled ? $"{what}; no fault endpoint takes it: unhandled" : $"{what}; the kernel sends its fault message, and it waits for {waits.WaitTarget(sim)}");

    /// <summary>A load, and under ARMv8 (<paramref name="weak"/>) the write it read when that was not the newest.</summary>
    public void NoteLoad(SimThread sim, int step, string text, ArmMemory? weak)
    {
        if (weak is null || !weak.LastReadWasWeak(out uint writer, out int visibleStep))
        {
            Note(step, SimEventKind.Load, sim, text);
            return;
        }
        string? from = writer == uint.MaxValue || writer == sim.ModelThread ? null : state.Threads.NameOf(writer);
        Note(step, SimEventKind.Load, sim, text + weak.DescribeLastRead(state.Threads.NameOf), from, from is null ? -1 : visibleStep);
    }

    /// <summary>The failure that ended the run, on every failed thread's lane.</summary>
    public void NoteFailure(int step, string failure)
    {
        foreach (SimThread thread in state.Threads.All)
        {
            if (thread.Status != SimThreadStatus.Failed) continue;
            string own = thread.Name + ": ";
            Note(step, SimEventKind.Fail, thread, failure.StartsWith(own, System.StringComparison.Ordinal) ? failure[own.Length..] : failure);
        }
    }

    public static bool IsBlocked(ThreadState state) =>
        state is ThreadState.BlockedOnSend or ThreadState.BlockedOnReceive or ThreadState.BlockedOnReply or ThreadState.BlockedOnNotification;
}
