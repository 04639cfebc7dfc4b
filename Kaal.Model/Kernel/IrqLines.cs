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

    public void FlushIrqChanges<TMachine>(ref TMachine machine) where TMachine : struct, IMachinePort
    {
        if (!_irqChangesPending) return;
        for (uint irq = 0; irq < (uint)_irqChanged.Length; irq++)
        {
            if (!_irqChanged[irq]) continue;
            _irqChanged[irq] = false;
            machine.SetIrqEnabled(irq, _irqEnabled[irq]);
        }
        _irqChangesPending = false;
    }

    /// <summary>IRQ handlers that signalled a destroyed notification stop signalling it.</summary>
    private void DetachIrqHandlersFrom(ObjectRef notification)
    {
        for (uint index = 0; index < _objects.Capacity; index++)
        {
            ref KernelObject entry = ref _objects[index];
            if (entry.Kind == CapType.IrqHandler && entry.IrqNotification.SameAs(notification))
            {
                entry.IrqNotification = default;
                RequestIrqEnabled(entry.Irq, false);
            }
        }
    }

    /// <summary>seL4 IRQHandler_SetNotification (decodeIRQHandlerInvocation in src/object/interrupt.c): the
    /// capability must be able to signal (Write; otherwise InvalidCapability naming the notification's register
    /// x1); interrupts on this line then signal the notification with its badge.</summary>
    public KernelResult IrqHandlerSetNotification(in Capability handlerCap, in Capability notificationCap)
    {
        if ((notificationCap.Rights & CapRights.Write) == 0) return KernelResult.InvalidCapability(ErrorReason.MissingRight, 1);
        ref KernelObject handler = ref _objects.Get(handlerCap.Object);
        handler.IrqNotification = notificationCap.Object;
        handler.IrqBadge = notificationCap.Badge;
        RequestIrqEnabled(handler.Irq, true);
        return KernelResult.Ok();
    }

    /// <summary>seL4 IRQHandler_Ack: the driver handled the interrupt; unmask the line again.</summary>
    public KernelResult IrqHandlerAck(in Capability handlerCap)
    {
        ref KernelObject handler = ref _objects.Get(handlerCap.Object);
        if (handler.IrqNotification.IsNone) return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.NoIrqNotification);
        RequestIrqEnabled(handler.Irq, true);
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
            ObjectRef notification = HandlerNotification(irq, out ulong badge);
            if (!notification.IsNone) SignalNotification(notification, badge);
        }
        ScheduleAllCores();
        FlushMachineUpdates(ref machine);
    }

    private ObjectRef HandlerNotification(uint irq, out ulong badge)
    {
        badge = 0;
        ObjectRef handler = _irqHandler[irq];
        if (handler.IsNone) return default;
        ref KernelObject entry = ref _objects.Get(handler);
        badge = entry.IrqBadge;
        return entry.IrqNotification;
    }
}
