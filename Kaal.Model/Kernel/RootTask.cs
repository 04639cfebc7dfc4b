namespace Kaal.Model;

/// <summary>
/// The root task's thread, made right after <see cref="Kernel.Boot"/>: a TCB and a VSpace retyped from
/// the largest RAM untyped (so even the first thread's objects come from memory someone holds), their
/// capabilities in root slots 1 and 3, priority and maximum controlled priority 255, the root CNode as
/// its CSpace root, running on core 0. The machine then loads the root task's image into that VSpace.
/// </summary>
public sealed partial class Kernel
{
    public const byte RootTaskPriority = 255;

    public KernelResult CreateRootThread()
    {
        KernelAssert.That(!_rootCNode.IsNone, AssertionSite.BoundExceeded);
        uint untypedIndex = LargestRamUntypedIndex();
        if (untypedIndex == CapSlot.None) return KernelResult.NotEnoughMemory(ErrorReason.UntypedExhausted, 0);
        uint untyped = RootSlot(untypedIndex);
        Capability root = RootCNodeCap;
        KernelResult result = UntypedRetype(untyped, ObjectType.VSpace, 0, root, 0, 0, BootInfo.InitialVSpaceSlot, 1);
        if (!result.IsOk) return result;
        result = UntypedRetype(untyped, ObjectType.Tcb, 0, root, 0, 0, BootInfo.InitialThreadSlot, 1);
        if (!result.IsOk)
        {
            DeleteSlot(RootSlot(BootInfo.InitialVSpaceSlot));
            return result;
        }
        uint thread = ThreadOf(_slots[RootSlot(BootInfo.InitialThreadSlot)].Cap);
        ref ThreadEntry entry = ref _threads[thread];
        InsertThreadCap(thread, TcbCTable, RootSlot(BootInfo.RootCNodeSlot), root);
        InsertThreadCap(thread, TcbVTable, RootSlot(BootInfo.InitialVSpaceSlot), _slots[RootSlot(BootInfo.InitialVSpaceSlot)].Cap);
        entry.Priority = RootTaskPriority;
        entry.MaxControlledPriority = RootTaskPriority;
        entry.Core = 0;
        _bootInfo.RootThread = thread;
        _executingCore = 0;
        MakeRunnable(thread);
        ScheduleAllCores();
        return KernelResult.Ok();
    }

    /// <summary>The root-CNode index of the largest RAM (not device) untyped capability boot made, or
    /// <see cref="CapSlot.None"/> if there is none.</summary>
    public uint LargestRamUntypedIndex()
    {
        uint best = CapSlot.None;
        int bestSizeBits = -1;
        for (uint index = 0; index < _bootInfo.UntypedCount; index++)
        {
            Capability cap = _slots[RootSlot(BootInfo.FirstUntypedSlot + index)].Cap;
            if (cap.Type != CapType.Untyped) continue;
            ref KernelObject region = ref _objects.Get(cap.Object);
            if (!region.IsDevice && region.SizeBits > bestSizeBits)
            {
                best = BootInfo.FirstUntypedSlot + index;
                bestSizeBits = region.SizeBits;
            }
        }
        return best;
    }
}
