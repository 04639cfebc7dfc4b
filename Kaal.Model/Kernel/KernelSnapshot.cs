namespace Kaal.Model;

/// <summary>
/// Snapshot and restore (DESIGN.md decision 2): the whole kernel is plain data in fixed arrays, so one
/// kernel's state can be copied into another built with the same <see cref="KernelConfig"/> with bounded
/// loops and no allocation. A simulator keeps a spare kernel as a snapshot, copies back into the live one to
/// reset between schedules, and compares or hashes (<see cref="StateHash"/>) to recognise states.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>
    /// Makes <paramref name="target"/> an exact copy of this kernel: every table (objects, slots with the
    /// buddy allocator's lists and the scratch slot, threads with their registers and FP/SIMD words,
    /// mappings with the pending range), the scheduler (cores, ready queues and bitmaps), the IRQ lines
    /// (handlers, enabled and changed flags, trigger cores), the destroy and stall queues, the scratch arrays, the executing core, the
    /// root CNode and the boot info. Afterwards the two kernels behave identically for any sequence of
    /// operations, and neither shares an array with the other. The target must have been constructed with
    /// the same configuration; nothing of its previous state survives. Allocates nothing.
    /// </summary>
    public void CopyStateTo(Kernel target)
    {
        KernelAssert.That(target != this, AssertionSite.SnapshotMismatch);
        KernelAssert.That(SameConfig(_config, target._config), AssertionSite.SnapshotMismatch, target._config.ObjectCapacity);
        _objects.CopyStateTo(target._objects);
        _slots.CopyStateTo(target._slots);
        _threads.CopyStateTo(target._threads);
        _mappings.CopyStateTo(target._mappings);

        for (int irq = 0; irq < _irqHandler.Length; irq++)
        {
            target._irqHandler[irq] = _irqHandler[irq];
            target._irqEnabled[irq] = _irqEnabled[irq];
            target._irqChanged[irq] = _irqChanged[irq];
            target._irqTriggerCore[irq] = _irqTriggerCore[irq];
        }
        target._irqChangesPending = _irqChangesPending;
        target._messagesDelivered = _messagesDelivered;
        target._fastPathsTaken = _fastPathsTaken;

        for (int index = 0; index < _destroyQueue.Length; index++)
        {
            target._destroyQueue[index] = _destroyQueue[index];
            target._checkerCapCounts[index] = _checkerCapCounts[index];
            target._checkerOrder[index] = _checkerOrder[index];
            target._checkerOpen[index] = _checkerOpen[index];
        }
        target._destroyQueueLength = _destroyQueueLength;
        for (int index = 0; index < _stallQueue.Length; index++) target._stallQueue[index] = _stallQueue[index];
        target._stallQueueLength = _stallQueueLength;
        for (int index = 0; index < _reservedSlotBlocks.Length; index++) target._reservedSlotBlocks[index] = _reservedSlotBlocks[index];

        for (int core = 0; core < _cores.Length; core++)
        {
            target._cores[core] = _cores[core];
            target._readySummary[core] = _readySummary[core];
        }
        for (int queue = 0; queue < _readyHead.Length; queue++)
        {
            target._readyHead[queue] = _readyHead[queue];
            target._readyTail[queue] = _readyTail[queue];
        }
        for (int word = 0; word < _readyBits.Length; word++) target._readyBits[word] = _readyBits[word];

        target._executingCore = _executingCore;
        target._rootCNode = _rootCNode;
        target._bootInfo = _bootInfo;
    }

    private static bool SameConfig(in KernelConfig a, in KernelConfig b) =>
        a.ObjectCapacity == b.ObjectCapacity && a.SlotPoolOrder == b.SlotPoolOrder && a.RootCNodeRadix == b.RootCNodeRadix &&
        a.IrqCount == b.IrqCount && a.ThreadCapacity == b.ThreadCapacity && a.CoreCount == b.CoreCount &&
        a.TimesliceTicks == b.TimesliceTicks && a.MappingCapacity == b.MappingCapacity;
}
