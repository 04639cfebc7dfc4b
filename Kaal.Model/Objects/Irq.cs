namespace Kaal.Model;

/// <summary>
/// IrqControl and IRQ handlers, as seL4's interrupt.c: the single IrqControl capability issues one
/// handler capability per interrupt line; the line is free again once its last handler capability is gone.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>Issues the handler capability for <paramref name="irq"/> into an empty slot.</summary>
    public KernelResult IrqControlGet(uint irqControlSlot, uint irq, in Capability root, ulong index, int depth)
    {
        if (irqControlSlot >= _slots.SlotCount)
        {
            return KernelResult.InvalidCapability(ErrorReason.ServiceNotIrqControl, 0);
        }
        if (_slots[irqControlSlot].Cap.Type != CapType.IrqControl)
        {
            return KernelResult.InvalidCapability(ErrorReason.ServiceNotIrqControl, 0);
        }
        if (irq >= (uint)_irqHandler.Length)
        {
            return KernelResult.Range(ErrorReason.IrqOutOfRange, 0, (ulong)_irqHandler.Length - 1);
        }
        if (!_irqHandler[irq].IsNone)
        {
            return KernelResult.Fail(KernelError.RevokeFirst, ErrorReason.IrqAlreadyHandled);
        }
        KernelResult result = LookupSlot(root, index, depth, false, out uint dest);
        if (!result.IsOk) return result;
        if (!_slots[dest].Cap.IsNull)
        {
            return KernelResult.Fail(KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
        }
        if (_objects.FreeCount == 0)
        {
            return KernelResult.NotEnoughMemory(ErrorReason.ObjectTableFull, 0);
        }
        ObjectRef handler = _objects.Allocate(CapType.IrqHandler, 0, 0, false);
        _objects.Get(handler).Irq = irq;
        _irqHandler[irq] = handler;
        var cap = new Capability(CapType.IrqHandler, CapRights.All, handler, irq, 0, 0);
        InsertDerived(irqControlSlot, dest, cap);
        return KernelResult.Ok();
    }
}
