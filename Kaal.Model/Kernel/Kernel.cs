namespace Kaal.Model;

/// <summary>
/// The kernel's whole state, as plain fixed-size tables, and the operations on it. The operations are
/// split one object type per file (CNode.cs, Untyped.cs, Irq.cs, ...), as seL4's src/object/ is.
/// Single-threaded by design: one operation runs to completion before the next starts.
/// </summary>
public sealed partial class Kernel
{
    private readonly KernelConfig _config;
    private readonly ObjectTable _objects;
    private readonly SlotPool _slots;
    /// <summary>Per interrupt line: its handler object, if one was issued.</summary>
    private readonly ObjectRef[] _irqHandler;
    private readonly bool[] _irqEnabled;
    private readonly bool[] _irqChanged;
    private bool _irqChangesPending;
    /// <summary>Per line: the core its handler was issued for (IRQ_HANDLER_GET_TRIGGER_CORE), or
    /// <see cref="NoTriggerCoreByte"/>.</summary>
    private readonly byte[] _irqTriggerCore;
    /// <summary>Objects whose last capability went away, waiting to be finalised (bounded by the table).</summary>
    private readonly uint[] _destroyQueue;
    private uint _destroyQueueLength;
    /// <summary>Threads destroyed during this kernel entry, which another core may still be running: the general
    /// path stalls them before it returns (RemoteStalls.cs). Empty between entries; bounded by the thread table.</summary>
    private readonly uint[] _stallQueue;
    private uint _stallQueueLength;
    /// <summary>Slot blocks Retype reserved for new CNodes before creating any of them.</summary>
    private readonly uint[] _reservedSlotBlocks;
    /// <summary>The invariant checker's per-object capability tally, kept here so checking allocates nothing.</summary>
    private readonly uint[] _checkerCapCounts;
    /// <summary>The invariant checker's scratch for the objects-disjoint sweep (ObjectNesting.cs): objects in address
    /// order, and the chain of those still open. Written before every read, so never part of the state.</summary>
    private readonly uint[] _checkerOrder;
    private readonly uint[] _checkerOpen;
    private readonly ThreadTable _threads;

    // The tables' arrays (which never change after construction), held here too so that the fast paths reach
    // an entry with one load of the array instead of two (the table, then its array).
    private readonly KernelObject[] _objectEntries;
    private readonly CapSlot[] _slotEntries;
    private readonly ThreadEntry[] _threadEntries;
    private readonly ulong[] _registerWords;
    private readonly CoreState[] _cores;
    private readonly uint[] _readyHead;
    private readonly uint[] _readyTail;
    private readonly ulong[] _readyBits;
    /// <summary>Per core: bit w set when bitmap word w has a ready priority.</summary>
    private readonly byte[] _readySummary;
    private int _executingCore;
    private ulong _messagesDelivered;

    /// <summary>Endpoint messages transferred since boot (sends, calls, replies and faults alike): a figure for reports.</summary>
    public ulong MessagesDelivered => _messagesDelivered;
    private ObjectRef _rootCNode;
    private BootInfo _bootInfo;

    public Kernel(in KernelConfig config)
    {
        KernelAssert.That(config.SlotPoolOrder >= 1 && config.SlotPoolOrder <= 24, AssertionSite.BoundExceeded, (ulong)config.SlotPoolOrder);
        KernelAssert.That(config.RootCNodeRadix >= 5 && config.RootCNodeRadix <= config.SlotPoolOrder, AssertionSite.BoundExceeded, (ulong)config.RootCNodeRadix);
        KernelAssert.That(config.ObjectCapacity >= 2, AssertionSite.BoundExceeded, config.ObjectCapacity);
        _config = config;
        _objects = new ObjectTable(config.ObjectCapacity);
        int coreCount = config.EffectiveCoreCount;
        _slots = new SlotPool(config.SlotPoolOrder, KernelOwnedSlotCount(config.ThreadCapacity + (uint)coreCount, config.IrqCount));
        _irqHandler = new ObjectRef[config.IrqCount];
        _irqEnabled = new bool[config.IrqCount];
        _irqChanged = new bool[config.IrqCount];
        _irqTriggerCore = new byte[config.IrqCount];
        for (int irq = 0; irq < _irqTriggerCore.Length; irq++) _irqTriggerCore[irq] = NoTriggerCoreByte;
        _mappings = new MappingTable(config.MappingCapacity);
        _destroyQueue = new uint[config.ObjectCapacity];
        _reservedSlotBlocks = new uint[ObjectSizes.RetypeFanOutLimit];
        _checkerCapCounts = new uint[config.ObjectCapacity];
        _checkerOrder = new uint[config.ObjectCapacity];
        _checkerOpen = new uint[config.ObjectCapacity];
        KernelAssert.That(coreCount >= 1 && coreCount <= KernelConfig.MaxCores, AssertionSite.BoundExceeded, (ulong)coreCount);
        _threads = new ThreadTable(config.ThreadCapacity, coreCount);
        _cores = new CoreState[coreCount];
        _stallQueue = new uint[_threads.Capacity];
        _objectEntries = _objects.Entries;
        _slotEntries = _slots.Entries;
        _threadEntries = _threads.Entries;
        _registerWords = _threads.RegisterWords;
        for (int core = 0; core < coreCount; core++)
        {
            _cores[core].Idle = (uint)core;
            _cores[core].Current = (uint)core;
        }
        _readyHead = new uint[coreCount * PriorityCount];
        _readyTail = new uint[coreCount * PriorityCount];
        for (int queue = 0; queue < _readyHead.Length; queue++)
        {
            _readyHead[queue] = ThreadEntry.None;
            _readyTail[queue] = ThreadEntry.None;
        }
        _readyBits = new ulong[coreCount * BitmapWords];
        _readySummary = new byte[coreCount];
    }

    public KernelConfig Config => _config;

    public BootInfo BootInfo => _bootInfo;

    public ObjectTable Objects => _objects;

    public SlotPool Slots => _slots;

    public bool IrqHasHandler(uint irq) => irq < (uint)_irqHandler.Length && !_irqHandler[irq].IsNone;

    /// <summary>The root CNode's capability, as boot put it in the root CNode's own slot 2.</summary>
    public Capability RootCNodeCap => _slots[RootSlot(BootInfo.RootCNodeSlot)].Cap;

    /// <summary>The pool index of slot <paramref name="index"/> of the root CNode.</summary>
    public uint RootSlot(uint index)
    {
        ref KernelObject root = ref _objects.Get(_rootCNode);
        KernelAssert.That(index < (1u << root.Radix), AssertionSite.SlotOutOfRange, index);
        return root.SlotBase + index;
    }

    /// <summary>The pool index of slot <paramref name="index"/> of a live CNode.</summary>
    public uint CNodeSlot(ObjectRef cnode, uint index)
    {
        ref KernelObject entry = ref _objects.Get(cnode);
        KernelAssert.That(entry.Kind == CapType.CNode && index < (1u << entry.Radix), AssertionSite.SlotOutOfRange, index);
        return entry.SlotBase + index;
    }

    public ref readonly CapSlot Slot(uint slot) => ref _slots[slot];

    public ref readonly KernelObject Object(ObjectRef reference) => ref _objects.Get(reference);

    /// <summary>
    /// Builds the initial capability space from the platform's memory: the root CNode (carved from the
    /// first RAM region large enough), IrqControl, and untyped capabilities covering all the remaining
    /// memory in maximal aligned power-of-two blocks, RAM and device regions alike.
    /// </summary>
    public KernelResult Boot(BootRegion[] regions, int regionCount)
    {
        KernelAssert.That(_rootCNode.IsNone, AssertionSite.BoundExceeded);
        if (regionCount < 1 || regionCount > regions.Length)
        {
            return KernelResult.Range(ErrorReason.None, 1, (ulong)regions.Length);
        }
        int rootSizeBits = _config.RootCNodeRadix + ObjectSizes.SlotBits;
        ulong rootSizeBytes = 1UL << rootSizeBits;
        int rootRegion = -1;
        ulong rootAddr = 0;
        for (int index = 0; index < regionCount; index++)
        {
            BootRegion region = regions[index];
            ulong aligned = AlignUp(region.BaseAddr, rootSizeBits);
            if (!region.IsDevice && aligned >= region.BaseAddr && aligned - region.BaseAddr + rootSizeBytes <= region.SizeBytes)
            {
                rootRegion = index;
                rootAddr = aligned;
                break;
            }
        }
        if (rootRegion < 0)
        {
            return KernelResult.NotEnoughMemory(ErrorReason.UntypedExhausted, 0);
        }

        uint rootBase = _slots.Allocate(_config.RootCNodeRadix);
        KernelAssert.That(rootBase != CapSlot.None, AssertionSite.SlotPoolCorrupt);
        _rootCNode = _objects.Allocate(CapType.CNode, rootAddr, rootSizeBits, false);
        ref KernelObject root = ref _objects.Get(_rootCNode);
        root.Radix = (byte)_config.RootCNodeRadix;
        root.SlotBase = rootBase;
        _bootInfo.RootCNodeSlotCount = 1u << _config.RootCNodeRadix;

        int rootGuardBits = ObjectSizes.WordBits - _config.RootCNodeRadix;
        var rootCap = new Capability(CapType.CNode, CapRights.All, _rootCNode, 0, rootGuardBits, 0);
        InsertCap(rootBase + BootInfo.RootCNodeSlot, rootCap, CapSlot.None, true);
        InsertCap(rootBase + BootInfo.IrqControlSlot, new Capability(CapType.IrqControl, CapRights.All, default, 0, 0, 0), CapSlot.None, true);

        uint nextSlot = BootInfo.FirstUntypedSlot;
        for (int index = 0; index < regionCount; index++)
        {
            BootRegion region = regions[index];
            KernelResult result;
            if (index == rootRegion)
            {
                result = AddUntypedRange(region.BaseAddr, rootAddr, false, ref nextSlot);
                if (result.IsOk)
                {
                    result = AddUntypedRange(rootAddr + rootSizeBytes, region.BaseAddr + region.SizeBytes, false, ref nextSlot);
                }
            }
            else
            {
                result = AddUntypedRange(region.BaseAddr, region.BaseAddr + region.SizeBytes, region.IsDevice, ref nextSlot);
            }
            if (!result.IsOk)
            {
                return result;
            }
        }
        _bootInfo.UntypedCount = nextSlot - BootInfo.FirstUntypedSlot;
        _bootInfo.FirstEmptySlot = nextSlot;
        return KernelResult.Ok();
    }

    private KernelResult AddUntypedRange(ulong startAddr, ulong endAddr, bool isDevice, ref uint nextSlot)
    {
        ulong cursor = AlignUp(startAddr, ObjectSizes.MinUntypedBits);
        // Each block takes the largest power of two the cursor's alignment and the bytes left allow,
        // so a range needs at most two blocks per bit of the address width.
        for (int blockIndex = 0; blockIndex < 2 * ObjectSizes.WordBits && cursor < endAddr; blockIndex++)
        {
            ulong remaining = endAddr - cursor;
            int sizeBits = FloorLog2(remaining);
            int alignBits = cursor == 0 ? ObjectSizes.MaxUntypedBits : TrailingZeros(cursor);
            if (alignBits < sizeBits) sizeBits = alignBits;
            if (sizeBits > ObjectSizes.MaxUntypedBits) sizeBits = ObjectSizes.MaxUntypedBits;
            if (sizeBits < ObjectSizes.MinUntypedBits)
            {
                break;
            }
            if (nextSlot >= _bootInfo.RootCNodeSlotCount)
            {
                return KernelResult.NotEnoughMemory(ErrorReason.SlotPoolFull, 0);
            }
            if (_objects.FreeCount == 0)
            {
                return KernelResult.NotEnoughMemory(ErrorReason.ObjectTableFull, 0);
            }
            ObjectRef untyped = _objects.Allocate(CapType.Untyped, cursor, sizeBits, isDevice);
            InsertCap(RootSlot(nextSlot), Capability.ToObject(CapType.Untyped, untyped), CapSlot.None, true);
            nextSlot++;
            cursor += 1UL << sizeBits;
        }
        return KernelResult.Ok();
    }

    /// <summary>Puts a capability into an empty slot as a child of <paramref name="parent"/> (or as a
    /// root of the derivation tree) and counts it against its object.</summary>
    private void InsertCap(uint dest, in Capability cap, uint parent, bool isOriginal)
    {
        ref CapSlot slot = ref _slots[dest];
        KernelAssert.That(slot.Cap.IsNull && slot.Parent == CapSlot.None && slot.FirstChild == CapSlot.None, AssertionSite.SlotNotEmpty, dest);
        slot.Cap = cap;
        slot.IsOriginal = isOriginal;
        if (parent != CapSlot.None)
        {
            LinkChild(parent, dest);
        }
        if (!cap.Object.IsNone)
        {
            _objects.Get(cap.Object).CapCount++;
        }
    }

    private static ulong AlignUp(ulong value, int alignBits)
    {
        ulong mask = (1UL << alignBits) - 1;
        return (value + mask) & ~mask;
    }

    private static int FloorLog2(ulong value)
    {
        int bits = 0;
        while (bits < 63 && (value >> (bits + 1)) != 0)
        {
            bits++;
        }
        return bits;
    }

    private static int TrailingZeros(ulong value)
    {
        int bits = 0;
        while (bits < 63 && ((value >> bits) & 1) == 0)
        {
            bits++;
        }
        return bits;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(int bits) => bits >= ObjectSizes.WordBits ? ulong.MaxValue : (1UL << bits) - 1;
}
