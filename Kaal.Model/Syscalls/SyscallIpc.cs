namespace Kaal.Model;

/// <summary>
/// The IPC syscalls: argument decoding and rights checks (Write to send, Read to receive, Write plus
/// Grant or GrantReply to call; Write to signal, Read to wait or poll), then the endpoint and
/// notification operations. A thread that blocks gets its results when it is woken.
/// </summary>
public sealed partial class Kernel
{
    private KernelResult SysSend<TMachine>(ref TMachine machine, uint thread, bool blocking, bool isCall)
        where TMachine : struct, IMachinePort
    {
        KernelResult result = LookupThreadCap(thread, Arg(thread, 0), 0, out uint slot);
        if (!result.IsOk) return result;
        Capability endpoint = _slots[slot].Cap;
        if (endpoint.Type == CapType.Reply && !isCall)
        {
            // A reply capability saved with CAP_SAVE_CALLER: Send answers its caller once (seL4 doReplyTransfer).
            DoReplyFrom(ref machine, thread, slot);
            SetStatus(thread, KernelError.Ok);
            return KernelResult.Ok();
        }
        if (endpoint.Type != CapType.Endpoint) return KernelResult.InvalidCapability(ErrorReason.WrongCapabilityType, 0);
        result = RequireRights(endpoint, CapRights.Write, 0);
        if (!result.IsOk) return result;
        if (isCall && (endpoint.Rights & (CapRights.Grant | CapRights.GrantReply)) == 0)
        {
            return KernelResult.InvalidCapability(ErrorReason.MissingRight, 0);
        }
        result = CheckExtraCaps(ref machine, thread);
        if (!result.IsOk) return result;
        SendIpc(ref machine, thread, endpoint, blocking, isCall);
        return KernelResult.Ok();
    }

    /// <summary>Receives on an endpoint, or waits on a notification (seL4 allows Recv on either).</summary>
    private KernelResult SysRecv<TMachine>(ref TMachine machine, uint thread, ulong cptr, bool blocking)
        where TMachine : struct, IMachinePort
    {
        KernelResult result = LookupThreadCap(thread, cptr, 0, out uint slot);
        if (!result.IsOk) return result;
        Capability cap = _slots[slot].Cap;
        if (cap.Type == CapType.Notification)
        {
            return WaitOn(thread, cap, blocking);
        }
        if (cap.Type != CapType.Endpoint) return KernelResult.InvalidCapability(ErrorReason.WrongCapabilityType, 0);
        result = RequireRights(cap, CapRights.Read, 0);
        if (!result.IsOk) return result;
        // seL4 handleRecv (src/api/syscall.c): deleteCallerCap before receiveIPC, so a reply capability the thread
        // did not use cannot answer the caller after the thread has taken another message.
        DeleteCallerCap(thread);
        ReceiveIpc(ref machine, thread, cap, blocking);
        return KernelResult.Ok();
    }

    /// <summary>Reply to the caller, then receive: the server loop in one syscall.</summary>
    private KernelResult SysReplyRecv<TMachine>(ref TMachine machine, uint thread) where TMachine : struct, IMachinePort
    {
        KernelResult result = LookupTypedCap(thread, 0, CapType.Endpoint, out uint slot);
        if (!result.IsOk) return result;
        Capability endpoint = _slots[slot].Cap;
        result = RequireRights(endpoint, CapRights.Read, 0);
        if (!result.IsOk) return result;
        DoReply(ref machine, thread);
        ReceiveIpc(ref machine, thread, endpoint, true);
        return KernelResult.Ok();
    }

    private KernelResult SysSignal(uint thread)
    {
        KernelResult result = LookupTypedCap(thread, 0, CapType.Notification, out uint slot);
        if (!result.IsOk) return result;
        Capability notification = _slots[slot].Cap;
        result = RequireRights(notification, CapRights.Write, 0);
        if (!result.IsOk) return result;
        SignalNotification(notification.Object, notification.Badge);
        SetStatus(thread, KernelError.Ok);
        return KernelResult.Ok();
    }

    private KernelResult SysWait(uint thread, bool blocking)
    {
        KernelResult result = LookupTypedCap(thread, 0, CapType.Notification, out uint slot);
        if (!result.IsOk) return result;
        return WaitOn(thread, _slots[slot].Cap, blocking);
    }

    private KernelResult WaitOn(uint thread, in Capability notification, bool blocking)
    {
        KernelResult result = RequireRights(notification, CapRights.Read, 0);
        if (!result.IsOk) return result;
        uint bound = _objects.Get(notification.Object).BoundThread;
        if (bound != ThreadEntry.None && bound != thread)
        {
            return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.NotificationBoundElsewhere);
        }
        WaitNotification(thread, notification.Object, blocking);
        return KernelResult.Ok();
    }

    /// <summary>
    /// The capabilities a message names (extra caps in the tag, addresses in the IPC buffer) must exist
    /// when the syscall is made; if they are gone by the time a blocked message is delivered, none are sent.
    /// </summary>
    private KernelResult CheckExtraCaps<TMachine>(ref TMachine machine, uint thread) where TMachine : struct, IMachinePort
    {
        int extraCaps = MessageInfo.ExtraCaps(Register(thread, SendInfoRegister));
        if (extraCaps == 0) return KernelResult.Ok();
        if (!IpcBufferAddr(thread, out ulong buffer)) return KernelResult.Fail(KernelError.InvalidArgument, ErrorReason.NoIpcBuffer);
        for (int index = 0; index < extraCaps; index++)
        {
            ulong cptr = machine.ReadWord(buffer + (ulong)(IpcBuffer.FirstCapOrBadge + index) * 8);
            KernelResult result = LookupThreadCap(thread, cptr, 1, out _);
            if (!result.IsOk) return result;
        }
        return KernelResult.Ok();
    }
}
