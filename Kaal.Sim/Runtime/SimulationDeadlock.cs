using System.Collections.Generic;
using System.Text;
using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// A deadlock's report: who waits for what (objects by the names the scenario or the system gave them), since which
/// step, and who holds a capability that could wake them; and its cause, the step the last of the stuck threads
/// blocked (before it, something could still run).
/// </summary>
public sealed partial class Simulation
{
    private string WaitForGraph()
    {
        var text = new StringBuilder();
        foreach (SimThread thread in _threads)
        {
            if (thread.Status == SimThreadStatus.Finished || !IsAlive(thread)) continue;
            ref readonly Model.Thread entry = ref _kernel.ThreadAt(thread.ModelThread);
            text.Append("  ").Append(thread.Name).Append(": ").Append(entry.State);
            if (IsWaiting(thread))
            {
                text.Append(" on ").Append(WaitTarget(thread));
                int since = _blockedAtStep[thread.ModelThread];
                if (since >= 0) text.Append(" since step ").Append(since);
                if (!entry.BlockedOn.IsNone) text.Append(", which ").Append(HoldersOf(entry.BlockedOn, thread)).Append(" hold capabilities to");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>The deadlock's cycle (threads each blocked on an object only the next one holds), named with its
    /// objects, and the step it closed at: when its last thread blocked (also a <see cref="SimEventKind.Stuck"/>
    /// event). Without a cycle (a wait nobody else can end), the stuck thread that blocked last.</summary>
    private RunCause DeadlockCause()
    {
        var stuck = new List<SimThread>();
        foreach (SimThread thread in _threads)
        {
            if (thread.Status != SimThreadStatus.Finished && IsAlive(thread) && IsWaiting(thread)) stuck.Add(thread);
        }
        if (stuck.Count == 0) return new RunCause(_step, "", "", "nothing can run");
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
        int step = System.Math.Max(0, _blockedAtStep[last.ModelThread]);
        string what = cycle is null
            ? $"{last.Name} blocks on {WaitTarget(last)} for good"
            : "cycle: " + DescribeCycle(cycle) + $"; it closed when {last.Name} blocked";
        if (_log is not null) NoteAt(step, SimEventKind.Stuck, last, $"blocks on {WaitTarget(last)} for good");
        return new RunCause(step, last.Name, "", what);
    }

    private int WaitRank(SimThread thread) => _kernel.ThreadAt(thread.ModelThread).State is ThreadState.BlockedOnSend or ThreadState.BlockedOnReply ? 0 : 1;

    /// <summary>A path from <paramref name="thread"/> through stuck threads that could end each one's wait (holders of
    /// what it waits on, or the thread that owes its reply), back to its start.</summary>
    private List<SimThread>? CycleFrom(SimThread thread, List<SimThread> stuck, List<SimThread> path)
    {
        if (path.Count > 0 && thread == path[0]) return path;
        if (path.Contains(thread)) return null;
        path.Add(thread);
        foreach (SimThread next in stuck)
        {
            if (next == thread || !CanWake(next, thread)) continue;
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
            text.Append(thread.Name).Append(" waits on ").Append(WaitTarget(thread)).Append(" -> ");
        }
        return text.Append(cycle[0].Name).ToString();
    }

    private bool Holds(SimThread thread, ObjectRef target)
    {
        Capability root = _kernel.ThreadAt(thread.ModelThread).CSpaceRoot;
        if (root.Type != CapType.CNode || !_kernel.Objects.IsLive(root.Object)) return false;
        ref readonly KernelObject cnode = ref _kernel.Object(root.Object);
        for (uint index = 0; index < (1u << cnode.Radix); index++)
        {
            if (_kernel.Slot(cnode.SlotBase + index).Cap.Object.SameAs(target)) return true;
        }
        return false;
    }

    private string HoldersOf(ObjectRef target, SimThread waiter)
    {
        var holders = new List<string>();
        foreach (SimThread thread in _threads)
        {
            if (!IsAlive(thread) || !Holds(thread, target)) continue;
            holders.Add(thread == waiter ? $"{thread.Name} (itself)" : $"{thread.Name} ({_kernel.ThreadAt(thread.ModelThread).State})");
        }
        return holders.Count == 0 ? "no component" : string.Join(", ", holders);
    }
}
