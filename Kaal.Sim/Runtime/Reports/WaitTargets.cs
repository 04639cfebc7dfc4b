using System.Collections.Generic;
using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// What a blocked thread waits for, for step logs and deadlock reports. A thread queued on an endpoint or notification
/// waits on that object. A caller waiting for its reply is on no queue (the reply capability is in the caller slot of
/// the thread that took the call), so it is described by who owes the reply and the endpoint it called on, and the
/// thread that owes the reply is the one that can wake it.
/// </summary>
internal sealed class WaitTargets(SimState state, ObjectNames names)
{
    /// <summary>The object or reply <paramref name="thread"/> is blocked on, in words ("nothing" only when it is not
    /// blocked).</summary>
    public string WaitTarget(SimThread thread)
    {
        ref readonly Model.ThreadEntry entry = ref state.Kernel.ThreadAt(thread.ModelThread);
        if (!entry.BlockedOn.IsNone) return names.Name(entry.BlockedOn);
        if (entry.State != ThreadState.BlockedOnReply) return "nothing";
        ObjectRef endpoint = CalledEndpoint(thread);
        string label = CalledLabel(thread) is string name ? $" ({name})" : "";
        string call = entry.FaultPending ? "the reply to its fault message"
            : endpoint.IsNone ? $"the reply to its Call{label}" : $"the reply to its Call on {names.Name(endpoint)}{label}";
        return ReplierOf(thread) is SimThread replier ? $"{call}, owed by {replier.Name}" : $"{call}, which nobody owes any more (the reply right was dropped)";
    }

    /// <summary>The thread that holds the reply capability <paramref name="thread"/> waits on, if there still is one.</summary>
    private SimThread? ReplierOf(SimThread thread)
    {
        if (state.Kernel.ThreadAt(thread.ModelThread).State != ThreadState.BlockedOnReply) return null;
        return state.Threads.KnownOrNone(state.Kernel.ReplierTo(thread.ModelThread));
    }

    /// <summary>Whether <paramref name="other"/> could end <paramref name="thread"/>'s wait: it owes the reply, or it
    /// holds a capability to the object the thread is queued on.</summary>
    public bool CanWake(SimThread other, SimThread thread)
    {
        ObjectRef waitsOn = state.Kernel.ThreadAt(thread.ModelThread).BlockedOn;
        return waitsOn.IsNone ? ReplierOf(thread) == other : Holds(other, waitsOn);
    }

    /// <summary>Blocked on an object or on a reply (a thread blocked on nothing at all is not waiting).</summary>
    public bool IsWaiting(SimThread thread)
    {
        ref readonly Model.ThreadEntry entry = ref state.Kernel.ThreadAt(thread.ModelThread);
        return !entry.BlockedOn.IsNone || entry.State == ThreadState.BlockedOnReply;
    }

    /// <summary>The label of a caller's pending Call, by name when the scenario's labels name it.</summary>
    private string? CalledLabel(SimThread thread) => thread.Pending.Kind != OperationKind.Syscall || thread.Pending.Number != Syscall.Call ? null
        : state.Scenario.MessageLabels.Describe(MessageInfo.Label(thread.Pending.A1), reply: false);

    /// <summary>Every live caller still waiting for the reply to a Call its server took: who, on what, with which
    /// label, owed by whom, since which step (one line each, "" when none). A run that ends with one left a request
    /// unanswered.</summary>
    public string UnansweredCalls(System.Func<uint, int> calledAtStep)
    {
        var text = new System.Text.StringBuilder();
        foreach (SimThread thread in state.Threads.All)
        {
            ref readonly Model.ThreadEntry entry = ref state.Kernel.ThreadAt(thread.ModelThread);
            if (!state.Threads.IsAlive(thread) || entry.State != ThreadState.BlockedOnReply || entry.FaultPending || ReplierOf(thread) is null) continue;
            int since = calledAtStep(thread.ModelThread);
            text.Append("  ").Append(thread.Name).Append(" still waits for ").Append(WaitTarget(thread))
                .Append(since >= 0 ? $" (called at step {since}): the request was received and never answered" : ": the request was received and never answered").AppendLine();
        }
        return text.ToString();
    }

    /// <summary>The endpoint a caller's pending Call named, while its capability is still there.</summary>
    private ObjectRef CalledEndpoint(SimThread thread)
    {
        if (thread.Pending.Kind != OperationKind.Syscall || thread.Pending.Number != Syscall.Call) return default;
        return names.At(thread, thread.Pending.A0);
    }

    /// <summary>Whether the thread's CSpace holds a capability to <paramref name="target"/>.</summary>
    private bool Holds(SimThread thread, ObjectRef target)
    {
        Kernel kernel = state.Kernel;
        Capability root = kernel.ThreadAt(thread.ModelThread).CSpaceRoot;
        if (root.Type != CapType.CNode || !kernel.Objects.IsLive(root.Object)) return false;
        ref readonly KernelObject cnode = ref kernel.Object(root.Object);
        for (uint index = 0; index < (1u << cnode.Radix); index++)
        {
            if (kernel.Slot(cnode.SlotBase + index).Cap.Object.SameAs(target)) return true;
        }
        return false;
    }

    /// <summary>The live threads holding a capability to <paramref name="target"/>, with their states.</summary>
    public string HoldersOf(ObjectRef target, SimThread waiter)
    {
        var holders = new List<string>();
        foreach (SimThread thread in state.Threads.All)
        {
            if (!state.Threads.IsAlive(thread) || !Holds(thread, target)) continue;
            holders.Add(thread == waiter ? $"{thread.Name} (itself)" : $"{thread.Name} ({state.Kernel.ThreadAt(thread.ModelThread).State})");
        }
        return holders.Count == 0 ? "no component" : string.Join(", ", holders);
    }
}
