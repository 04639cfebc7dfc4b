namespace Kaal.Model;

/// <summary>
/// IrqControl and IRQ handlers, as seL4's interrupt.c: the single IrqControl capability issues one
/// handler capability per interrupt line; the line is free again once its last handler capability is gone.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>No core named for the line: it interrupts the core whose syscall enabled it (<see cref="IrqTargetCore"/>).</summary>
    public const int NoTriggerCore = -1;

    /// <summary><see cref="NoTriggerCore"/> as kept per line (cores fit a byte: at most <see cref="KernelConfig.MaxCores"/>).</summary>
    private const byte NoTriggerCoreByte = 0xFF;

    /// <summary>IRQ_HANDLER_GET_TRIGGER_CORE's core register (x5), as seL4's target is its fifth argument.</summary>
    private const int TriggerCoreArgument = 5;

    /// <summary>
    /// Issues the handler capability for <paramref name="irq"/> into an empty slot (seL4 IRQControl_Get), or with
    /// <paramref name="triggerCore"/> the one whose line interrupts that core (IRQControl_GetTriggerCore,
    /// Arch_decodeIRQControlInvocation in src/arch/arm/object/interrupt.c: the line is checked first, then the core,
    /// InvalidArgument naming x5 with CoreOutOfRange for one the machine does not have, then RevokeFirst, the slot
    /// lookup, DeleteFirst). The core holds until the handler goes.
    /// </summary>
    public KernelResult IrqControlGet(uint irqControlSlot, uint irq, in Capability root, ulong index, int depth, int triggerCore = NoTriggerCore)
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
        if (triggerCore != NoTriggerCore && (uint)triggerCore >= (uint)_cores.Length)
        {
            return KernelResult.InvalidArgument(ErrorReason.CoreOutOfRange, TriggerCoreArgument);
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
        _irqTriggerCore[irq] = triggerCore == NoTriggerCore ? NoTriggerCoreByte : (byte)triggerCore;
        var cap = new Capability(CapType.IrqHandler, CapRights.All, handler, irq, 0, 0);
        InsertDerived(irqControlSlot, dest, cap);
        return KernelResult.Ok();
    }
}
