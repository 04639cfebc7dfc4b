namespace Kaal.Model;

/// <summary>
/// Capabilities that objects hold, in slots the kernel owns (seL4's TCB CNode: tcbCTable, tcbVTable, tcbBuffer, tcbReply
/// and tcbCaller in include/object/structures.h; and the IRQ node, intStateIRQNode in src/object/interrupt.c). They are ordinary
/// capabilities: derived from the one the user named (cteInsert), counted against their objects, children or
/// siblings in the derivation tree, so revoking or deleting the user's capabilities reaches them, and an object
/// is destroyed only when the last of them goes. No CNode names these slots; they follow the slot pool
/// (<see cref="SlotPool.KernelOwnedBase"/>): per thread-table entry <see cref="TcbSlotCount"/> slots, then one
/// per interrupt line.
///
/// The thread entry keeps a mirror of its three capabilities (<see cref="ThreadEntry.CSpaceRoot"/>,
/// <see cref="ThreadEntry.VSpaceRoot"/>, <see cref="ThreadEntry.IpcBufferFrame"/>), because the fast paths and the AArch64
/// context switch read them from the entry with one load. The slot is the capability; the mirror is rewritten
/// whenever the slot changes (<see cref="MirrorThreadCap"/>), and <see cref="CheckKernelOwnedSlots"/> checks they agree.
/// The reply slots (<see cref="TcbReply"/>, <see cref="TcbCaller"/>) have no mirror: Reply.cs.
/// </summary>
public sealed partial class Kernel
{
    public const uint TcbCTable = 0;
    public const uint TcbVTable = 1;
    public const uint TcbIpcBuffer = 2;
    /// <summary>The thread's master reply capability (seL4 tcbReply).</summary>
    public const uint TcbReply = 3;
    /// <summary>The reply capability to the thread's caller, while it has one (seL4 tcbCaller).</summary>
    public const uint TcbCaller = 4;
    public const uint TcbSlotCount = 5;
    /// <summary>The TCB slots that have a mirror in the thread entry: the first three.</summary>
    private const uint MirroredTcbSlotCount = 3;

    private static uint KernelOwnedSlotCount(uint threadCapacity, uint irqCount) => threadCapacity * TcbSlotCount + irqCount;

    /// <summary>The pool index of one of a thread's kernel-owned slots (<see cref="TcbCTable"/>...).</summary>
    public uint TcbSlot(uint thread, uint which)
    {
        KernelAssert.That(thread < _threads.Capacity && which < TcbSlotCount, AssertionSite.SlotOutOfRange, which);
        return UncheckedTcbSlot(thread, which);
    }

    /// <summary><see cref="TcbSlot"/> without the range check, for the fast paths, whose thread indices are live threads'.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private uint UncheckedTcbSlot(uint thread, uint which) => _slots.KernelOwnedBase + thread * TcbSlotCount + which;

    /// <summary>The pool index of an interrupt line's slot in the IRQ node: the notification it signals.</summary>
    public uint IrqNodeSlot(uint irq)
    {
        KernelAssert.That(irq < (uint)_irqHandler.Length, AssertionSite.SlotOutOfRange, irq);
        return _slots.KernelOwnedBase + _threads.Capacity * TcbSlotCount + irq;
    }

    /// <summary>
    /// seL4 invokeTCB_ThreadControl / invokeIRQHandler_SetIRQHandler: cteDelete of the kernel-owned slot, then, if
    /// <paramref name="source"/> is not <see cref="CapSlot.None"/> and both it and the capability that authorised the
    /// change (<paramref name="authoritySlot"/>, e.g. the TCB capability) still hold what they held before the delete
    /// (which may have destroyed objects: seL4's checkCapAt / sameObjectAs), cteInsert of a capability derived from
    /// the source's.
    /// </summary>
    private void ReplaceKernelOwnedCap(uint dest, uint source, uint authoritySlot)
    {
        Capability authority = _slots[authoritySlot].Cap;
        Capability expected = source == CapSlot.None ? default : _slots[source].Cap;
        DeleteSlot(dest);
        if (source == CapSlot.None) return;
        if (!_slots[authoritySlot].Cap.SameValueAs(authority) || !_slots[source].Cap.SameValueAs(expected)) return;
        if (!DeriveCap(source, expected, out Capability derived).IsOk) return;
        InsertDerived(source, dest, derived);
        MirrorThreadCap(dest);
    }

    /// <summary>Puts a capability derived from <paramref name="source"/>'s into an empty TCB slot of a new thread.</summary>
    private void InsertThreadCap(uint thread, uint which, uint source, in Capability derived)
    {
        uint dest = TcbSlot(thread, which);
        InsertDerived(source, dest, derived);
        MirrorThreadCap(dest);
    }

    /// <summary>Rewrites the thread-entry mirror of a TCB slot from the slot (null: no CSpace, VSpace or buffer);
    /// other slots have no mirror.</summary>
    private void MirrorThreadCap(uint slot)
    {
        uint offset = slot - _slots.KernelOwnedBase;
        if (slot < _slots.KernelOwnedBase || offset >= _threads.Capacity * TcbSlotCount) return;
        ref ThreadEntry entry = ref _threads[offset / TcbSlotCount];
        Capability cap = _slots[slot].Cap;
        switch (offset % TcbSlotCount)
        {
            case TcbCTable: entry.CSpaceRoot = cap; break;
            case TcbVTable: entry.VSpaceRoot = cap; break;
            case TcbIpcBuffer: entry.IpcBufferFrame = cap.Object; break;
            default: break;
        }
    }

    /// <summary>seL4 finaliseCap for a TCB deletes the capabilities in its TCB CNode; here they join the destroy
    /// queue like a CNode's contents. The thread was suspended first, so its master reply capability has no child
    /// (cancelIPC deleted it); a reply capability in its caller slot just goes, leaving that caller waiting.</summary>
    private void DeleteThreadCaps(uint thread)
    {
        for (uint which = 0; which < TcbSlotCount; which++)
        {
            uint slot = TcbSlot(thread, which);
            if (!_slots[slot].Cap.IsNull) DeleteCapNoDestroy(slot);
        }
    }

    /// <summary>
    /// The kernel-owned slots as seL4 keeps them: a TCB's first three slots hold a CNode, a VSpace and a frame
    /// capability respectively and agree with the entry's mirror, its reply slots are as <see cref="CheckReplySlots"/>
    /// says, and a free thread entry's slots are empty; an IRQ node slot holds a notification capability, and only
    /// while its line has a handler.
    /// </summary>
    private InvariantViolation CheckKernelOwnedSlots()
    {
        for (uint thread = 0; thread < _threads.Capacity; thread++)
        {
            ref ThreadEntry entry = ref _threads[thread];
            bool live = !entry.Tcb.IsNone;
            for (uint which = 0; which < MirroredTcbSlotCount; which++)
            {
                uint slot = TcbSlot(thread, which);
                Capability cap = _slots[slot].Cap;
                CapType expected = which == TcbCTable ? CapType.CNode : which == TcbVTable ? CapType.VSpace : CapType.Frame;
                bool mirrored = which == TcbCTable ? entry.CSpaceRoot.SameValueAs(cap)
                    : which == TcbVTable ? entry.VSpaceRoot.SameValueAs(cap)
                    : entry.IpcBufferFrame.SameAs(cap.Object);
                if ((!cap.IsNull && (!live || cap.Type != expected)) || (live && !mirrored))
                {
                    return Violation(InvariantKind.KernelOwnedSlotWrong, slot, thread);
                }
            }
            InvariantViolation reply = CheckReplySlots(thread);
            if (!reply.IsNone) return reply;
        }
        for (uint irq = 0; irq < (uint)_irqHandler.Length; irq++)
        {
            Capability cap = _slots[IrqNodeSlot(irq)].Cap;
            if (!cap.IsNull && (cap.Type != CapType.Notification || _irqHandler[irq].IsNone))
            {
                return Violation(InvariantKind.KernelOwnedSlotWrong, IrqNodeSlot(irq), irq);
            }
        }
        return default;
    }
}
