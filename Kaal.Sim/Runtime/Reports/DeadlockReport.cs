using System;
using System.Collections.Generic;
using System.Text;
using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// A deadlock's report: who waits for what (objects by the names the scenario or the system gave them), since which
/// step, and who holds a capability that could wake them; and its cause, the step the last of the stuck threads
/// blocked (before it, something could still run).
/// </summary>
internal sealed class DeadlockReport(SimState state, WaitTargets waits, StepRecorder? recorder)
{
    /// <summary>When each Model thread last blocked in a syscall (a deadlock report points at the latest of the stuck ones).</summary>
    private int[] _blockedAtStep = Array.Empty<int>();

    public void Attach(int threadCapacity) => _blockedAtStep = new int[threadCapacity];

    public void Reset() => Array.Fill(_blockedAtStep, -1);

    public void Blocked(uint thread, int step) => _blockedAtStep[thread] = step;

    /// <summary>The step the thread last blocked in a syscall (-1 when it has not in this run).</summary>
    public int BlockedAt(uint thread) => _blockedAtStep[thread];

    /// <summary>For a run that ended: the Calls whose servers took the request and never replied, under a heading
    /// ("" when there are none).</summary>
    public string UnansweredCalls()
    {
        string calls = waits.UnansweredCalls(BlockedAt);
        return calls.Length == 0 ? "" : "calls never answered:" + Environment.NewLine + calls;
    }

    public string WaitForGraph()
    {
        var text = new StringBuilder();
        foreach (SimThread thread in state.Threads.All)
        {
            if (thread.Status == SimThreadStatus.Finished || !state.Threads.IsAlive(thread)) continue;
            ref readonly Model.ThreadEntry entry = ref state.Kernel.ThreadAt(thread.ModelThread);
            text.Append("  ").Append(thread.Name).Append(": ").Append(entry.State);
            if (waits.IsWaiting(thread))
            {
                text.Append(" on ").Append(waits.WaitTarget(thread));
                int since = _blockedAtStep[thread.ModelThread];
                if (since >= 0) text.Append(" since step ").Append(since);
                if (!entry.BlockedOn.IsNone) text.Append(", which ").Append(waits.HoldersOf(entry.BlockedOn, thread)).Append(" hold capabilities to");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>The deadlock's cycle (threads each blocked on an object only the next one holds), named with its
    /// objects, and the step it closed at: when its last thread blocked (also a <see cref="SimEventKind.Stuck"/>
    /// event in the step log). Without a cycle (a wait nobody else can end), the stuck thread that
    /// blocked last.</summary>
    public RunCause Cause()
    {
        var stuck = new List<SimThread>();
        foreach (SimThread thread in state.Threads.All)
        {
            if (thread.Status != SimThreadStatus.Finished && state.Threads.IsAlive(thread) && waits.IsWaiting(thread)) stuck.Add(thread);
        }
        if (stuck.Count == 0) return new RunCause(state.Step, "", "", "nothing can run");
        // Threads waiting to send or for a reply first: a server idle in its receive is rarely the culprit.
        stuck.Sort((a, b) => WaitRank(a).CompareTo(WaitRank(b)));
        List<SimThread>? cycle = null;
        foreach (SimThread start in stuck)
        {
            cycle = CycleFrom(start, stuck, new List<SimThread>());
            if (cycle is not null) break;
        }
        SimThread last = stuck[0];
        foreach (SimThread thread in cycle ?? stuck)
        {
            if (_blockedAtStep[thread.ModelThread] > _blockedAtStep[last.ModelThread]) last = thread;
        }
        int step = Math.Max(0, _blockedAtStep[last.ModelThread]);
        string what = cycle is null
            ? $"{last.Name} blocks on {waits.WaitTarget(last)} for good"
            : "cycle: " + DescribeCycle(cycle) + $"; it closed when {last.Name} blocked";
        recorder?.NoteAt(step, SimEventKind.Stuck, last, $"blocks on {waits.WaitTarget(last)} for good");
        return new RunCause(step, last.Name, "", what);
    }

    private int WaitRank(SimThread thread) => state.Kernel.ThreadAt(thread.ModelThread).State is ThreadState.BlockedOnSend or ThreadState.BlockedOnReply ? 0 : 1;

    /// <summary>A path from <paramref name="thread"/> through stuck threads that could end each one's wait (holders of
    /// what it waits on, or the thread that owes its reply), back to its start.</summary>
    private List<SimThread>? CycleFrom(SimThread thread, List<SimThread> stuck, List<SimThread> path)
    {
        if (path.Count > 0 && thread == path[0]) return path;
        if (path.Contains(thread)) return null;
        path.Add(thread);
        foreach (SimThread next in stuck)
        {
            if (next == thread || !waits.CanWake(next, thread)) continue;
            List<SimThread>? found = CycleFrom(next, stuck, path);
            if (found is not null) return found;
        }
        path.RemoveAt(path.Count - 1);
        return null;
    }

    private string DescribeCycle(List<SimThread> cycle)
    {
        var text = new StringBuilder();
        foreach (SimThread thread in cycle)
        {
            text.Append(thread.Name).Append(" waits on ").Append(waits.WaitTarget(thread)).Append(" -> ");
        }
        return text.Append(cycle[0].Name).ToString();
    }
}
