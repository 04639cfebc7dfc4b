using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// What a blocked thread waits for, for step logs and deadlock reports. A thread queued on an endpoint or notification
/// waits on that object. A caller waiting for its reply is on no queue (the reply capability is in the caller slot of
/// the thread that took the call), so it is described by who owes the reply and the endpoint it called on, and the
/// thread that owes the reply is the one that can wake it.
/// </summary>
public sealed partial class Simulation
{
    /// <summary>The object or reply <paramref name="thread"/> is blocked on, in words ("nothing" only when it is not
    /// blocked).</summary>
    private string WaitTarget(SimThread thread)
    {
        ref readonly Model.Thread entry = ref _kernel.ThreadAt(thread.ModelThread);
        if (!entry.BlockedOn.IsNone) return ObjectName(entry.BlockedOn);
        if (entry.State != ThreadState.BlockedOnReply) return "nothing";
        ObjectRef endpoint = CalledEndpoint(thread);
        string call = entry.FaultPending ? "the reply to its fault message" : endpoint.IsNone ? "the reply to its Call" : $"the reply to its Call on {ObjectName(endpoint)}";
        return ReplierOf(thread) is SimThread replier ? $"{call}, owed by {replier.Name}" : $"{call}, which nobody owes any more (the reply right was dropped)";
    }

    /// <summary>The thread that holds the reply capability <paramref name="thread"/> waits on, if there still is one.</summary>
    private SimThread? ReplierOf(SimThread thread)
    {
        if (_kernel.ThreadAt(thread.ModelThread).State != ThreadState.BlockedOnReply) return null;
        uint replier = _kernel.ReplierTo(thread.ModelThread);
        return replier < (uint)_threadByModel.Length ? _threadByModel[replier] : null;
    }

    /// <summary>Whether <paramref name="other"/> could end <paramref name="thread"/>'s wait: it owes the reply, or it
    /// holds a capability to the object the thread is queued on.</summary>
    private bool CanWake(SimThread other, SimThread thread)
    {
        ObjectRef waitsOn = _kernel.ThreadAt(thread.ModelThread).BlockedOn;
        return waitsOn.IsNone ? ReplierOf(thread) == other : Holds(other, waitsOn);
    }

    /// <summary>Blocked on an object or on a reply (a thread blocked on nothing at all is not waiting).</summary>
    private bool IsWaiting(SimThread thread)
    {
        ref readonly Model.Thread entry = ref _kernel.ThreadAt(thread.ModelThread);
        return !entry.BlockedOn.IsNone || entry.State == ThreadState.BlockedOnReply;
    }

    /// <summary>The endpoint a caller's pending Call named, while its capability is still there.</summary>
    private ObjectRef CalledEndpoint(SimThread thread)
    {
        if (thread.Pending.Kind != OperationKind.Syscall || thread.Pending.Number != Syscall.Call) return default;
        return ObjectAt(thread, thread.Pending.A0);
    }
}
