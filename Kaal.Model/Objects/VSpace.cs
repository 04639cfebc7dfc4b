namespace Kaal.Model;

/// <summary>
/// The abstract address space (seL4's VSpace root, without page-table objects: the machine builds real
/// page tables from what it is told). A VSpace object keeps a doubly linked list, through the mapping
/// table, of its live mappings; the overlap check and address translation walk it. Destroying a VSpace
/// unmaps everything in it and leaves the owning frame capabilities unmapped.
/// </summary>
public sealed partial class Kernel
{
    private readonly MappingTable _mappings;

    public MappingTable Mappings => _mappings;

    /// <summary>The live mapping a frame capability owns, or <see cref="Mapping.None"/> when it is unmapped.</summary>
    public static uint MappingOf(in Capability frameCap) =>
        frameCap.Type == CapType.Frame && frameCap.Data != 0 ? (uint)(frameCap.Data - 1) : Mapping.None;

    /// <summary>
    /// Translates a user address through a thread's VSpace root, for the kernel's own reads of user memory
    /// (DEBUG_PRINT). False when the thread has no VSpace, the VSpace is destroyed, nothing is mapped there,
    /// the mapping lacks <paramref name="needed"/>, or it is device memory (reading a device register can
    /// have side effects, so the kernel never does it on a user's behalf). Pending mappings count: they
    /// are what the kernel has granted; the machine hears of them at kernel exit.
    /// </summary>
    public bool TranslateUserAddress(uint thread, ulong virtAddr, VmRights needed, out ulong physAddr) =>
        TranslateMapping(thread, virtAddr, needed, out physAddr, out bool isDevice) && !isDevice;

    /// <summary>What the MMU does for the thread's own access: any mapping with <paramref name="needed"/>, device
    /// memory included (<paramref name="isDevice"/> says which).</summary>
    public bool TranslateMapping(uint thread, ulong virtAddr, VmRights needed, out ulong physAddr, out bool isDevice)
    {
        physAddr = 0;
        isDevice = false;
        if (thread >= _threads.Capacity) return false;
        Capability root = _threads[thread].VSpaceRoot;
        if (root.Type != CapType.VSpace || !_objects.IsLive(root.Object)) return false;
        uint index = FindMappingAt(root.Object, virtAddr, 1);
        if (index == Mapping.None) return false;
        ref Mapping record = ref _mappings[index];
        if ((record.Rights & needed) != needed) return false;
        physAddr = record.PhysAddr + (virtAddr - record.VirtAddr);
        isDevice = record.IsDevice;
        return true;
    }

    /// <summary>The first live mapping in <paramref name="vspace"/> that intersects [virtAddr, virtAddr + sizeBytes).</summary>
    private uint FindMappingAt(ObjectRef vspace, ulong virtAddr, ulong sizeBytes)
    {
        ulong endAddr = virtAddr + sizeBytes;
        uint index = _objects.Get(vspace).FirstMapping;
        for (uint step = 0; index != Mapping.None; step++)
        {
            KernelAssert.That(step < _mappings.Capacity, AssertionSite.MappingTableCorrupt, index);
            ref Mapping record = ref _mappings[index];
            if (record.VirtAddr < endAddr && virtAddr < record.EndAddr) return index;
            index = record.Next;
        }
        return Mapping.None;
    }

    /// <summary>Fills a free record, links it into the VSpace and hands it to the capability in <paramref name="ownerSlot"/>.</summary>
    private void AddMapping(uint index, uint ownerSlot, ObjectRef vspace, ulong virtAddr, VmRights rights)
    {
        Capability frameCap = _slots[ownerSlot].Cap;
        ref KernelObject frame = ref _objects.Get(frameCap.Object);
        ref KernelObject space = ref _objects.Get(vspace);
        ref Mapping record = ref _mappings[index];
        KernelAssert.That(record.State == MappingState.Free && frameCap.Data == 0, AssertionSite.MappingTableCorrupt, index);
        record.State = MappingState.PendingMap;
        record.Rights = rights;
        record.SizeBits = frame.SizeBits;
        record.IsDevice = frame.IsDevice;
        record.OwnerSlot = ownerSlot;
        record.VSpace = vspace;
        record.Frame = frameCap.Object;
        record.VirtAddr = virtAddr;
        record.PhysAddr = frame.PhysAddr;
        record.Prev = Mapping.None;
        record.Next = space.FirstMapping;
        if (space.FirstMapping != Mapping.None) _mappings[space.FirstMapping].Prev = index;
        space.FirstMapping = index;
        _slots[ownerSlot].Cap = frameCap.WithData((ulong)index + 1, 0);
        _mappings.MarkPending(index);
    }

    /// <summary>New rights for a live mapping (seL4: map again at the same address).</summary>
    private void ChangeMappingRights(uint index, VmRights rights)
    {
        ref Mapping record = ref _mappings[index];
        KernelAssert.That(record.IsLive, AssertionSite.MappingTableCorrupt, index);
        if (record.Rights == rights) return;
        record.Rights = rights;
        if (record.State == MappingState.Mapped)
        {
            record.State = MappingState.PendingRemap;
            _mappings.MarkPending(index);
        }
    }

    /// <summary>
    /// Takes a live mapping out of its VSpace and out of its owning capability. One the machine never
    /// heard of is simply freed; one it has becomes PendingUnmap until the next flush.
    /// </summary>
    private void RemoveMapping(uint index)
    {
        ref Mapping record = ref _mappings[index];
        KernelAssert.That(record.IsLive, AssertionSite.MappingTableCorrupt, index);
        ref KernelObject space = ref _objects.Get(record.VSpace);
        if (record.Prev != Mapping.None) _mappings[record.Prev].Next = record.Next;
        else space.FirstMapping = record.Next;
        if (record.Next != Mapping.None) _mappings[record.Next].Prev = record.Prev;
        record.Next = Mapping.None;
        record.Prev = Mapping.None;
        uint owner = record.OwnerSlot;
        Capability ownerCap = _slots[owner].Cap;
        KernelAssert.That(MappingOf(ownerCap) == index, AssertionSite.MappingTableCorrupt, owner);
        _slots[owner].Cap = ownerCap.WithData(0, 0);
        record.OwnerSlot = CapSlot.None;
        if (record.State == MappingState.PendingMap)
        {
            _mappings.Release(index);
            return;
        }
        record.State = MappingState.PendingUnmap;
        _mappings.MarkPending(index);
    }

    /// <summary>Finalising a VSpace: every mapping in it goes, and its frame capabilities become unmapped.</summary>
    private void RemoveAllMappings(ObjectRef vspace)
    {
        // Each round removes the list's head, so the table's capacity bounds the rounds.
        for (uint step = 0; _objects.Get(vspace).FirstMapping != Mapping.None; step++)
        {
            KernelAssert.That(step < _mappings.Capacity, AssertionSite.MappingTableCorrupt, vspace.Index);
            RemoveMapping(_objects.Get(vspace).FirstMapping);
        }
    }

    /// <summary>A mapped frame capability moved to <paramref name="dest"/> (Move, Mutate, Rotate): its record follows.</summary>
    private void MappingOwnerMoved(in Capability cap, uint dest)
    {
        uint index = MappingOf(cap);
        if (index == Mapping.None) return;
        KernelAssert.That(index < _mappings.Capacity && _mappings[index].IsLive, AssertionSite.MappingTableCorrupt, index);
        _mappings[index].OwnerSlot = dest;
    }
}
