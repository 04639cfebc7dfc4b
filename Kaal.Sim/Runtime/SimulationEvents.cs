using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The simulation's step log and structured events (only with <c>keepStepLog</c>: they cost allocation, so
/// every call site checks <c>_log</c> first): a line and an event per thing a thread does (one to one, in step
/// order: <c>StepLog[i]</c> is <c>Events[i]</c> in words), wake-ups with the
/// thread whose syscall caused them, and under ARMv8 the writes loads read early or stale.
/// </summary>
public sealed partial class Simulation
{
    private ThreadState[] _statesBeforeSyscall = [];

    private void Note(int step, SimEventKind kind, SimThread sim, string text, string? fromThread = null, int fromStep = -1)
    {
        _log!.Add($"{step,5}: {sim.Name} {text}");
        _events!.Add(new SimEvent(step, kind, sim.Name, _kernel.ThreadAt(sim.ModelThread).Core, text, fromThread, fromStep));
    }

    /// <summary>What the devices did (an interrupt delivered, held back, repeated): a lane of its own on a timeline.</summary>
    private void NoteDevice(int step, string text)
    {
        _log!.Add($"{step,5}: {text}");
        _events!.Add(new SimEvent(step, SimEventKind.Interrupt, SimEvent.DevicesLane, 0, text));
    }

    /// <summary>An event found after the fact (where a deadlock formed): after the others of its step, so the step log
    /// and the events stay in step order and one to one.</summary>
    private void NoteAt(int step, SimEventKind kind, SimThread sim, string text)
    {
        int at = _events!.Count;
        while (at > 0 && _events[at - 1].Step > step) at--;
        _log!.Insert(at, $"{step,5}: {sim.Name} {text}");
        _events.Insert(at, new SimEvent(step, kind, sim.Name, _kernel.ThreadAt(sim.ModelThread).Core, text));
    }

    private void RememberThreadStates()
    {
        if (_statesBeforeSyscall.Length != _threads.Count) _statesBeforeSyscall = new ThreadState[_threads.Count];
        for (int index = 0; index < _threads.Count; index++) _statesBeforeSyscall[index] = _kernel.ThreadAt(_threads[index].ModelThread).State;
    }

    /// <summary>The syscall, whether it blocked the caller (on what), and every thread it made runnable.</summary>
    private void NoteSyscall(SimThread sim, int step, bool stillRunning)
    {
        ref PendingOperation op = ref sim.Pending;
        uint thread = sim.ModelThread;
        Note(step, SimEventKind.Syscall, sim, $"{SyscallText(sim, op)} -> {(stillRunning ? ((KernelError)_kernel.Register(thread, 0)).ToString() : "blocks")}");
        if (!stillRunning && IsBlocked(_kernel.ThreadAt(thread).State))
        {
            Note(step, SimEventKind.Block, sim, $"blocks: {_kernel.ThreadAt(thread).State} on {WaitTarget(sim)}");
        }
        for (int index = 0; index < _threads.Count; index++)
        {
            SimThread other = _threads[index];
            ThreadState now = _kernel.ThreadAt(other.ModelThread).State;
            if (other == sim || !IsBlocked(_statesBeforeSyscall[index]) || IsBlocked(now)) continue;
            Note(step, SimEventKind.Wake, other, $"woken by {sim.Name}'s {op.Number}", sim.Name, step);
        }
    }

    private void NoteLoad(SimThread sim, int step, string text)
    {
        if (_weak is null || !_weak.LastReadWasWeak(out uint writer, out int visibleStep))
        {
            Note(step, SimEventKind.Load, sim, text);
            return;
        }
        string? from = writer == uint.MaxValue || writer == sim.ModelThread ? null : NameOf(writer);
        Note(step, SimEventKind.Load, sim, text + _weak.DescribeLastRead(NameOf), from, from is null ? -1 : visibleStep);
    }

    private void NoteFailure(int step, string failure)
    {
        foreach (SimThread thread in _threads)
        {
            if (thread.Status != SimThreadStatus.Failed) continue;
            string own = thread.Name + ": ";
            Note(step, SimEventKind.Fail, thread, failure.StartsWith(own, System.StringComparison.Ordinal) ? failure[own.Length..] : failure);
        }
    }

    private string ObjectName(ObjectRef target)
    {
        if (target.IsNone) return "nothing";
        string kind = _kernel.Object(target).Kind.ToString();
        return _labels.TryGetValue(target.Index, out string? label) ? $"{kind} '{label}'" : $"{kind} #{target.Index}";
    }

    private static bool IsBlocked(ThreadState state) =>
        state is ThreadState.BlockedOnSend or ThreadState.BlockedOnReceive or ThreadState.BlockedOnReply or ThreadState.BlockedOnNotification;
}
