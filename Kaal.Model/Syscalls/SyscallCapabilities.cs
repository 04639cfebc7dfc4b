namespace Kaal.Model;

/// <summary>
/// Capability syscalls: the CNode operations, Retype and its conveniences (MEMORY_ALLOCATE,
/// ENDPOINT_CREATE, NOTIFICATION_CREATE, PROCESS_CREATE), CAP_INSERT_INTO, IRQ handlers and SHUTDOWN.
/// Every capability argument is an address in the caller's CSpace; nothing is ever forged: each new
/// capability is retyped from an Untyped the caller holds or derived from a capability it holds.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>Depth arguments wider than a word stay out of range instead of wrapping.</summary>
    private static int DepthArg(ulong depth) => depth > ObjectSizes.WordBits ? ObjectSizes.WordBits + 1 : (int)depth;

    private KernelResult LookupCNodeArg(uint thread, int argument, out Capability cnode)
    {
        KernelResult result = LookupTypedCap(thread, argument, CapType.CNode, out uint slot);
        cnode = result.IsOk ? _slots[slot].Cap : default;
        return result;
    }

    private KernelResult SysCNode(uint thread, Syscall number)
    {
        KernelResult result = LookupCNodeArg(thread, 0, out Capability dest);
        if (!result.IsOk) return result;
        switch (number)
        {
            case Syscall.CapDelete: return CNodeDelete(dest, Arg(thread, 1), DepthArg(Arg(thread, 2)));
            case Syscall.CapRevoke: return CNodeRevoke(dest, Arg(thread, 1), DepthArg(Arg(thread, 2)));
            case Syscall.CapCancelBadgedSends: return CNodeCancelBadgedSends(dest, Arg(thread, 1), DepthArg(Arg(thread, 2)));
            case Syscall.CapRotate:
                int depth = DepthArg(Arg(thread, 1));
                return CNodeRotate(dest, Arg(thread, 2), depth, Arg(thread, 3), dest, Arg(thread, 4), depth, Arg(thread, 5), dest, Arg(thread, 6), depth);
            default:
                break;
        }
        result = LookupCNodeArg(thread, 3, out Capability source);
        if (!result.IsOk) return result;
        ulong destIndex = Arg(thread, 1);
        int destDepth = DepthArg(Arg(thread, 2));
        ulong srcIndex = Arg(thread, 4);
        int srcDepth = DepthArg(Arg(thread, 5));
        switch (number)
        {
            case Syscall.CapCopy: return CNodeCopy(dest, destIndex, destDepth, source, srcIndex, srcDepth, (CapRights)(Arg(thread, 6) & (ulong)CapRights.All));
            case Syscall.CapMint: return CNodeMint(dest, destIndex, destDepth, source, srcIndex, srcDepth, (CapRights)(Arg(thread, 6) & (ulong)CapRights.All), Arg(thread, 7));
            case Syscall.CapMove: return CNodeMove(dest, destIndex, destDepth, source, srcIndex, srcDepth);
            default: return CNodeMutate(dest, destIndex, destDepth, source, srcIndex, srcDepth, Arg(thread, 6));
        }
    }

    private KernelResult SysRetype(uint thread)
    {
        KernelResult result = LookupTypedCap(thread, 0, CapType.Untyped, out uint untyped);
        if (!result.IsOk) return result;
        ulong type = Arg(thread, 1);
        if (type > byte.MaxValue) return KernelResult.InvalidArgument(ErrorReason.InvalidObjectType, 0);
        result = LookupCNodeArg(thread, 3, out Capability root);
        if (!result.IsOk) return result;
        ulong sizeBits = Arg(thread, 2);
        ulong count = Arg(thread, 7);
        return UntypedRetype(untyped, (ObjectType)type, sizeBits > ObjectSizes.WordBits ? ObjectSizes.WordBits : (int)sizeBits,
            root, Arg(thread, 4), DepthArg(Arg(thread, 5)), Arg(thread, 6),
            count > ObjectSizes.RetypeFanOutLimit ? ObjectSizes.RetypeFanOutLimit + 1 : (int)count);
    }

    /// <summary>Retypes one object from the caller's Untyped (x0) into slot x1 of the caller's root CNode.</summary>
    private KernelResult RetypeIntoRoot(uint thread, ObjectType type, int sizeBits, ulong destIndex)
    {
        KernelResult result = LookupTypedCap(thread, 0, CapType.Untyped, out uint untyped);
        if (!result.IsOk) return result;
        Capability root = _threads[thread].CSpaceRoot;
        return UntypedRetype(untyped, type, sizeBits, root, 0, 0, destIndex, 1);
    }

    private KernelResult SysCreate(uint thread, ObjectType type) => RetypeIntoRoot(thread, type, 0, Arg(thread, 1));

    /// <summary>MEMORY_ALLOCATE: a 4 KiB (x1 = 12) or 2 MiB (x1 = 21) frame into root slot x2; x1 = its physical address.</summary>
    private KernelResult SysMemoryAllocate(uint thread)
    {
        ulong sizeBits = Arg(thread, 1);
        ObjectType type;
        if (sizeBits == ObjectSizes.PageBits) type = ObjectType.Frame4K;
        else if (sizeBits == ObjectSizes.LargePageBits) type = ObjectType.Frame2M;
        else return KernelResult.InvalidArgument(ErrorReason.ObjectSizeOutOfRange, 1);
        ulong destIndex = Arg(thread, 2);
        KernelResult result = RetypeIntoRoot(thread, type, 0, destIndex);
        if (!result.IsOk) return result;
        LookupSlot(_threads[thread].CSpaceRoot, destIndex, ObjectSizes.WordBits, false, out uint slot);
        SetStatus(thread, KernelError.Ok);
        Register(thread, 1) = _objects.Get(_slots[slot].Cap.Object).PhysAddr;
        return KernelResult.Ok();
    }

    /// <summary>
    /// PROCESS_CREATE: from the caller's Untyped (x0), a TCB, a CNode of radix x2 and a VSpace into root
    /// slots x1, x1+1, x1+2, the TCB configured with them at priority x3 (at most the caller's maximum
    /// controlled priority), on the caller's core, Inactive until resumed. All or nothing.
    /// </summary>
    private KernelResult SysProcessCreate(uint thread)
    {
        ulong first = Arg(thread, 1);
        ulong radix = Arg(thread, 2);
        ulong priority = Arg(thread, 3);
        byte limit = _threads[thread].MaxControlledPriority;
        if (priority > limit) return KernelResult.Range(ErrorReason.PriorityAboveMaximum, 0, limit);
        if (radix < 1 || radix > (ulong)_slots.PoolOrder) return KernelResult.Range(ErrorReason.ObjectSizeOutOfRange, 1, (ulong)_slots.PoolOrder);
        KernelResult result = LookupTypedCap(thread, 0, CapType.Untyped, out uint untypedSlot);
        if (!result.IsOk) return result;
        // Undoing a partial create must also give back the untyped memory it used: the objects made here
        // lie at the top of the watermark, so once they are deleted the old capability value is exact.
        Capability untypedBefore = _slots[untypedSlot].Cap;
        result = RetypeIntoRoot(thread, ObjectType.Tcb, 0, first);
        if (!result.IsOk) return result;
        result = RetypeIntoRoot(thread, ObjectType.CNode, (int)radix, first + 1);
        if (result.IsOk)
        {
            result = RetypeIntoRoot(thread, ObjectType.VSpace, 0, first + 2);
            if (!result.IsOk) CNodeDelete(_threads[thread].CSpaceRoot, first + 1, ObjectSizes.WordBits);
        }
        if (!result.IsOk)
        {
            CNodeDelete(_threads[thread].CSpaceRoot, first, ObjectSizes.WordBits);
            _slots[untypedSlot].Cap = untypedBefore;
            return result;
        }
        Capability root = _threads[thread].CSpaceRoot;
        LookupSlot(root, first, ObjectSizes.WordBits, false, out uint tcbSlot);
        LookupSlot(root, first + 1, ObjectSizes.WordBits, false, out uint cnodeSlot);
        LookupSlot(root, first + 2, ObjectSizes.WordBits, false, out uint vspaceSlot);
        uint child = ThreadOf(_slots[tcbSlot].Cap);
        ref ThreadEntry entry = ref _threads[child];
        // The new thread's roots are capabilities in its TCB slots, derived from the ones just made (the CSpace
        // root with the guard that makes a root slot's cptr its index).
        InsertThreadCap(child, TcbCTable, cnodeSlot, _slots[cnodeSlot].Cap.WithData(0, ObjectSizes.WordBits - (int)radix));
        InsertThreadCap(child, TcbVTable, vspaceSlot, _slots[vspaceSlot].Cap);
        entry.Priority = (byte)priority;
        entry.MaxControlledPriority = (byte)priority;
        entry.Core = _threads[thread].Core;
        return KernelResult.Ok();
    }

    /// <summary>
    /// CAP_INSERT_INTO: copies a capability the caller holds (x1), with rights masked by x3, into slot x2
    /// of the CSpace of the thread whose TCB capability the caller holds (x0). The copy is derived from
    /// the caller's, so it is revoked with it; unlike the original KaaL, nothing is made from a raw pointer.
    /// </summary>
    private KernelResult SysCapInsertInto(uint thread)
    {
        KernelResult result = LookupTypedCap(thread, 0, CapType.Tcb, out uint tcbSlot);
        if (!result.IsOk) return result;
        Capability childRoot = _threads[ThreadOf(_slots[tcbSlot].Cap)].CSpaceRoot;
        if (childRoot.Type != CapType.CNode)
        {
            return KernelResult.FailedLookup(LookupFault.InvalidRoot(), false);
        }
        return CNodeCopy(childRoot, Arg(thread, 2), ObjectSizes.WordBits, _threads[thread].CSpaceRoot, Arg(thread, 1), ObjectSizes.WordBits,
            (CapRights)(Arg(thread, 3) & (ulong)CapRights.All));
    }

    private KernelResult SysIrq(uint thread, Syscall number)
    {
        if (number == Syscall.IrqHandlerGet || number == Syscall.IrqHandlerGetTriggerCore)
        {
            KernelResult control = LookupTypedCap(thread, 0, CapType.IrqControl, out uint controlSlot);
            if (!control.IsOk) return control;
            control = LookupCNodeArg(thread, 2, out Capability root);
            if (!control.IsOk) return control;
            ulong irq = Arg(thread, 1);
            ulong core = Arg(thread, TriggerCoreArgument);
            // Out of range stays out of range: a huge core never wraps to NoTriggerCore.
            int triggerCore = number == Syscall.IrqHandlerGet ? NoTriggerCore : core > int.MaxValue ? int.MaxValue : (int)core;
            return IrqControlGet(controlSlot, irq > uint.MaxValue ? uint.MaxValue : (uint)irq, root, Arg(thread, 3), DepthArg(Arg(thread, 4)), triggerCore);
        }
        KernelResult result = LookupTypedCap(thread, 0, CapType.IrqHandler, out uint handlerSlot);
        if (!result.IsOk) return result;
        Capability handler = _slots[handlerSlot].Cap;
        if (number == Syscall.IrqAck) return IrqHandlerAck(handler);
        result = LookupTypedCap(thread, 1, CapType.Notification, out uint notificationSlot);
        if (!result.IsOk) return result;
        return IrqHandlerSetNotification(handlerSlot, notificationSlot);
    }

    /// <summary>SHUTDOWN: powering the machine off needs the IrqControl capability, the machine authority
    /// only the root task starts with; x1 is the exit code.</summary>
    private KernelResult SysShutdown<TMachine>(ref TMachine machine, uint thread) where TMachine : struct, IMachinePort
    {
        KernelResult result = LookupTypedCap(thread, 0, CapType.IrqControl, out _);
        if (!result.IsOk) return result;
        machine.Shutdown(Arg(thread, 1));
        return KernelResult.Ok();
    }
}
