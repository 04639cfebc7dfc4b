namespace Kaal.Model;

/// <summary>
/// Interrupt lines as the kernel sees them: enabled or masked. Changes are recorded here and handed to
/// the machine when the kernel exits (<see cref="FlushIrqChanges"/>), so operations that cannot reach
/// the machine (a revoke deep in a CNode) still mask a line whose handler they destroyed. The record is
/// one flag per line, so it can never overflow.
/// </summary>
public sealed partial class Kernel
{
    public bool IrqEnabled(uint irq) => irq < (uint)_irqEnabled.Length && _irqEnabled[irq];

    private void RequestIrqEnabled(uint irq, bool enabled)
    {
        if (_irqEnabled[irq] == enabled) return;
        _irqEnabled[irq] = enabled;
        _irqChanged[irq] = true;
        _irqChangesPending = true;
    }

    /// <summary>The core a line's handler was issued for, or <see cref="NoTriggerCore"/>.</summary>
    public int IrqTriggerCore(uint irq) =>
        irq < (uint)_irqTriggerCore.Length && _irqTriggerCore[irq] != NoTriggerCoreByte ? _irqTriggerCore[irq] : NoTriggerCore;

    /// <summary>The core an enabled line interrupts: its trigger core, else the core whose kernel entry enabled it
    /// (a driver's acknowledgement brings its interrupts to its own core, which needs no core named).</summary>
    private int IrqTargetCore(uint irq)
    {
        int core = IrqTriggerCore(irq);
        return core == NoTriggerCore ? _executingCore : core;
    }

    public void FlushIrqChanges<TMachine>(ref TMachine machine) where TMachine : struct, IMachinePort
    {
        if (!_irqChangesPending) return;
        for (uint irq = 0; irq < (uint)_irqChanged.Length; irq++)
        {
            if (!_irqChanged[irq]) continue;
            _irqChanged[irq] = false;
            machine.SetIrqEnabled(irq, _irqEnabled[irq], IrqTargetCore(irq));
        }
        _irqChangesPending = false;
    }

    /// <summary>seL4 IRQHandler_SetNotification (decodeIRQHandlerInvocation and invokeIRQHandler_SetIRQHandler in
    /// src/object/interrupt.c): the capability in <paramref name="notificationSlot"/> must be a notification capability
    /// that can signal (Write; otherwise InvalidCapability naming the notification's register x1). The line's IRQ
    /// node slot then holds a capability derived from it (replacing the one before), so interrupts signal the
    /// notification with its badge until that capability is revoked or deleted, or the handler goes.</summary>
    public KernelResult IrqHandlerSetNotification(uint handlerSlot, uint notificationSlot)
    {
        Capability notification = _slots[notificationSlot].Cap;
        if (notification.Type != CapType.Notification) return KernelResult.InvalidCapability(ErrorReason.WrongCapabilityType, 1);
        if ((notification.Rights & CapRights.Write) == 0) return KernelResult.InvalidCapability(ErrorReason.MissingRight, 1);
        uint irq = _objects.Get(_slots[handlerSlot].Cap.Object).Irq;
        ReplaceKernelOwnedCap(IrqNodeSlot(irq), notificationSlot, handlerSlot);
        RequestIrqEnabled(irq, true);
        return KernelResult.Ok();
    }

    /// <summary>seL4 IRQHandler_Ack: the driver handled the interrupt; unmask the line again.</summary>
    public KernelResult IrqHandlerAck(in Capability handlerCap)
    {
        uint irq = _objects.Get(handlerCap.Object).Irq;
        if (_slots[IrqNodeSlot(irq)].Cap.IsNull) return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.NoIrqNotification);
        RequestIrqEnabled(irq, true);
        return KernelResult.Ok();
    }

    /// <summary>
    /// The machine reports interrupt <paramref name="irq"/> on <paramref name="core"/>: the line is masked
    /// until its handler acknowledges it, and the bound notification is signalled. An interrupt with no
    /// handler or no notification is masked and dropped.
    /// </summary>
    public void HandleInterrupt<TMachine>(ref TMachine machine, int core, uint irq) where TMachine : struct, IMachinePort
    {
        KernelAssert.That(core >= 0 && core < _cores.Length, AssertionSite.BoundExceeded, (ulong)core);
        _executingCore = core;
        if (irq < (uint)_irqEnabled.Length)
        {
            RequestIrqEnabled(irq, false);
            // seL4 handleInterrupt: the IRQ node slot's notification capability, if it can still signal.
            Capability notification = _slots[IrqNodeSlot(irq)].Cap;
            if (notification.Type == CapType.Notification && (notification.Rights & CapRights.Write) != 0)
            {
                SignalNotification(notification.Object, notification.Badge);
            }
        }
        ScheduleAllCores();
        FlushMachineUpdates(ref machine);
    }
}
