namespace Kaal.Model;

/// <summary>
/// seL4 CNode_SaveCaller (non-MCS; invokeCNodeSaveCaller in src/object/cnode.c): the reply capability in the calling
/// thread's caller slot moves, with its place in the derivation tree, into an empty slot of its CSpace. It stays the
/// caller's master's child, so everything that deletes an unused reply capability still finds it there (cancelIPC
/// when the caller is suspended or destroyed, revoke, the CNode's destruction), and a Recv no longer deletes it: a
/// server may receive other messages before it answers. Send or NBSend on the saved capability answers the caller
/// once and deletes it (seL4 decodeInvocation of a cap_reply_cap: doReplyTransfer). KaaL refuses an empty caller slot
/// (InvalidCapability, NoCallerToSave) where seL4 only prints a warning and succeeds, so a lost reply is an error the
/// caller sees.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>x0 CNode, x1 index, x2 depth: the destination, looked up and required empty first (seL4's order:
    /// lookupTargetSlot, ensureEmptySlot), then the caller slot.</summary>
    private KernelResult SysSaveCaller(uint thread)
    {
        KernelResult result = LookupCNodeArg(thread, 0, out Capability cnode);
        if (!result.IsOk) return result;
        result = LookupDest(cnode, Arg(thread, 1), DepthArg(Arg(thread, 2)), out uint dest);
        if (!result.IsOk) return result;
        if (!_slots[dest].Cap.IsNull) return KernelResult.Fail(KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
        uint callerSlot = TcbSlot(thread, TcbCaller);
        if (_slots[callerSlot].Cap.IsNull) return KernelResult.InvalidCapability(ErrorReason.NoCallerToSave, 0);
        MoveSlot(callerSlot, dest, _slots[callerSlot].Cap);
        return KernelResult.Ok();
    }
}
