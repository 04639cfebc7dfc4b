using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Model.Tests.Reference;

/// <summary>
/// An independent, deliberately plain model of seL4's capability space (the rules of
/// /work/shared/reference/sel4-semantics.md and seL4's cnode.c / untyped.c / cspace.c), used as the oracle
/// for the model-based property tests. It is host code: dictionaries, recursion, LINQ. It does not share
/// any algorithm with Kaal.Model: slots are (CNode id, index) keys, the derivation tree is a parent pointer
/// per slot, and object identity is a reference-side id that is never reused.
///
/// Where the seL4 rules leave the precedence of two error checks open, the order follows Kaal.Model's
/// source; each such place says so in a comment ("order per Kaal.Model").
/// </summary>
public sealed class ReferenceCSpace
{
    public const int WordBits = 64;
    public const int MinUntypedBits = 4;
    public const int MaxUntypedBits = 47;
    public const int FanOutLimit = 256;

    private readonly Dictionary<int, RefObject> _objects = new();
    private readonly Dictionary<RefSlot, RefEntry> _slots = new();
    private readonly HashSet<uint> _irqsInUse = new();
    private int _nextId = 1;

    public ReferenceCSpace(int objectCapacity, int slotPoolOrder, uint irqCount, int threadCapacity)
    {
        ThreadCapacity = threadCapacity;
        ObjectCapacity = objectCapacity;
        SlotPoolOrder = slotPoolOrder;
        IrqCount = irqCount;
    }

    public int ObjectCapacity { get; }
    /// <summary>How many TCBs can be live at once (Kaal.Model's thread table).</summary>
    public int ThreadCapacity { get; }
    public int SlotPoolOrder { get; }
    public uint IrqCount { get; }
    public int RootId { get; private set; }
    /// <summary>The root CNode capability as boot made it (the test keeps this value, like a thread's CSpace root).</summary>
    public RefCap BootRootCap { get; private set; } = new(CapType.Null, CapRights.None, 0);
    public IReadOnlyDictionary<int, RefObject> Objects => _objects;
    public IReadOnlyDictionary<RefSlot, RefEntry> Slots => _slots;
    /// <summary>Set when an operation's outcome depends on an order the rules leave unspecified (see Revoke).</summary>
    public string? Unspecified { get; private set; }
    /// <summary>Objects the last operation created.</summary>
    public List<RefObject> LastCreated { get; } = new();

    // ------------------------------------------------------------------ boot

    /// <summary>
    /// seL4-style boot: the root CNode (2^radix slots of 32 bytes) at the first RAM region where it fits,
    /// aligned to its size; its capability in root slot 2 with a zero guard of 64 - radix bits (so a
    /// root slot is named by cptr = index at depth 64); IrqControl in slot 4; every remaining byte of
    /// every region as maximal naturally aligned power-of-two Untyped blocks (16 B .. 2^47 B), from slot 16.
    /// </summary>
    public void Boot(IReadOnlyList<BootRegion> regions, int rootRadix)
    {
        int rootSizeBits = rootRadix + 5;
        int rootRegion = -1;
        ulong rootAddr = 0;
        for (int i = 0; i < regions.Count && rootRegion < 0; i++)
        {
            BootRegion r = regions[i];
            ulong aligned = AlignUp(r.BaseAddr, rootSizeBits);
            if (!r.IsDevice && aligned + (1UL << rootSizeBits) <= r.BaseAddr + r.SizeBytes)
            {
                rootRegion = i;
                rootAddr = aligned;
            }
        }
        if (rootRegion < 0) throw new InvalidOperationException("reference boot: no room for the root CNode");
        RefObject root = NewObject(CapType.CNode, rootAddr, rootSizeBits, false, rootRadix, 0);
        RootId = root.Id;
        BootRootCap = new RefCap(CapType.CNode, CapRights.All, root.Id, Guard: 0, GuardSize: WordBits - rootRadix);
        _slots[new RefSlot(RootId, 2)] = new RefEntry(BootRootCap, true, null);
        _slots[new RefSlot(RootId, 4)] = new RefEntry(new RefCap(CapType.IrqControl, CapRights.All, -1), true, null);
        ulong next = 16;
        for (int i = 0; i < regions.Count; i++)
        {
            BootRegion r = regions[i];
            ulong end = r.BaseAddr + r.SizeBytes;
            if (i == rootRegion)
            {
                AddUntypeds(r.BaseAddr, rootAddr, false, ref next);
                AddUntypeds(rootAddr + (1UL << rootSizeBits), end, false, ref next);
            }
            else
            {
                AddUntypeds(r.BaseAddr, end, r.IsDevice, ref next);
            }
        }
        LastCreated.Clear();
    }

    private void AddUntypeds(ulong start, ulong end, bool device, ref ulong nextSlot)
    {
        ulong cursor = AlignUp(start, MinUntypedBits);
        while (cursor < end)
        {
            int bits = MaxUntypedBits;
            while (bits >= MinUntypedBits && ((cursor & ((1UL << bits) - 1)) != 0 || cursor + (1UL << bits) > end)) bits--;
            if (bits < MinUntypedBits) break;
            RefObject ut = NewObject(CapType.Untyped, cursor, bits, device, 0, 0);
            _slots[new RefSlot(RootId, nextSlot)] = new RefEntry(new RefCap(CapType.Untyped, CapRights.All, ut.Id), true, null);
            nextSlot++;
            cursor += 1UL << bits;
        }
    }

    // ------------------------------------------------------------------ queries

    public RefObject Obj(int id) => _objects[id];

    public bool IsLive(int id) => _objects.ContainsKey(id);

    public RefCap? CapAt(RefSlot slot) => _slots.TryGetValue(slot, out RefEntry? e) ? e.Cap : null;

    /// <summary>The capability currently in root slot <paramref name="index"/> (null if empty or the root CNode is gone).</summary>
    public RefCap? RootSlotCap(ulong index) => IsLive(RootId) ? CapAt(new RefSlot(RootId, index)) : null;

    public bool HasChildren(RefSlot slot) => _slots.Values.Any(e => e.Parent == slot);

    /// <summary>Every slot whose chain of parents reaches <paramref name="slot"/>.</summary>
    public HashSet<RefSlot> Descendants(RefSlot slot)
    {
        var result = new HashSet<RefSlot>();
        foreach ((RefSlot s, RefEntry e) in _slots)
        {
            for (RefSlot? p = e.Parent; p is RefSlot ps; p = _slots[ps].Parent)
            {
                if (ps == slot)
                {
                    result.Add(s);
                    break;
                }
            }
        }
        return result;
    }

    private int CapsTo(int obj) => _slots.Values.Count(e => e.Cap.Obj == obj);

    private static bool IsCNode(RefCap? cap) => cap is not null && cap.Type == CapType.CNode;

    // ------------------------------------------------------------------ addressing

    /// <summary>The <paramref name="count"/> bits of <paramref name="cptr"/> just below bit position <paramref name="top"/>.</summary>
    private static ulong BitsBelow(ulong cptr, int top, int count)
    {
        if (count == 0) return 0;
        ulong shifted = cptr >> (top - count);
        return count == WordBits ? shifted : shifted & ((1UL << count) - 1);
    }

    /// <summary>
    /// resolveAddressBits: translate the top <paramref name="depth"/> bits of the cptr, starting at the CNode
    /// capability <paramref name="root"/>. At each level: the guard must fit in the bits left and match
    /// them (GuardMismatch, with the bits left), then guard + radix must fit (DepthMismatch, with the bits
    /// left), then radix bits pick the slot. Translation continues only while bits remain and the slot holds
    /// a CNode capability; otherwise it stops there, reporting the bits not translated.
    /// </summary>
    public RefLookup Resolve(RefCap? root, ulong cptr, int depth)
    {
        if (!IsCNode(root) || !IsLive(root!.Obj)) return new RefLookup(null, depth, LookupFaultKind.InvalidRoot, 0);
        RefCap node = root;
        int bitsLeft = depth;
        while (true)
        {
            RefObject cnode = _objects[node.Obj];
            if (node.GuardSize > bitsLeft || BitsBelow(cptr, bitsLeft, node.GuardSize) != node.Guard)
            {
                return new RefLookup(null, bitsLeft, LookupFaultKind.GuardMismatch, bitsLeft);
            }
            if (node.GuardSize + cnode.Radix > bitsLeft)
            {
                return new RefLookup(null, bitsLeft, LookupFaultKind.DepthMismatch, bitsLeft);
            }
            ulong index = BitsBelow(cptr, bitsLeft - node.GuardSize, cnode.Radix);
            var slot = new RefSlot(cnode.Id, index);
            int remaining = bitsLeft - node.GuardSize - cnode.Radix;
            if (remaining == 0) return new RefLookup(slot, 0, LookupFaultKind.None, 0);
            RefCap? next = CapAt(slot);
            if (!IsCNode(next)) return new RefLookup(slot, remaining, LookupFaultKind.None, 0);
            node = next!;
            bitsLeft = remaining;
        }
    }

    /// <summary>lookupSlotForCNodeOp: a CNode root (else InvalidRoot), depth 1..64 (else RangeError),
    /// resolution without a fault and with no bits left over (else DepthMismatch with the bits remaining).</summary>
    public RefResult LookupSlot(RefCap? root, ulong cptr, int depth, bool isSource, out RefSlot slot)
    {
        slot = default;
        if (!IsCNode(root) || !IsLive(root!.Obj)) return RefResult.Lookup(LookupFaultKind.InvalidRoot, 0, isSource);
        if (depth < 1 || depth > WordBits) return RefResult.Range(1, WordBits);
        RefLookup r = Resolve(root, cptr, depth);
        if (!r.IsOk) return RefResult.Lookup(r.Fault, r.FaultBitsLeft, isSource);
        if (r.BitsRemaining != 0) return RefResult.Lookup(LookupFaultKind.DepthMismatch, r.BitsRemaining, isSource);
        slot = r.Slot!.Value;
        return RefResult.Ok;
    }

    /// <summary>The destination of a CNode invocation: the invoked capability must be a CNode capability
    /// (InvalidCapability), then it is the lookup root.</summary>
    private RefResult LookupTarget(RefCap? service, ulong cptr, int depth, out RefSlot slot)
    {
        slot = default;
        if (service is null || service.Type != CapType.CNode) return RefResult.Fail(KernelError.InvalidCapability);
        return LookupSlot(service, cptr, depth, false, out slot);
    }

    // ------------------------------------------------------------------ cap data rules

    /// <summary>
    /// updateCapData. Endpoint/notification: Mint may set the badge of an unbadged capability; Mutate and
    /// Rotate ("preserve") never may. CNode: new guard of guardSize bits (masked), only if guardSize + radix
    /// fits in a word. Anything else: unchanged. null = seL4's null capability = IllegalOperation.
    /// </summary>
    private RefCap? UpdateData(bool preserve, ulong data, RefCap cap)
    {
        switch (cap.Type)
        {
            case CapType.Endpoint:
            case CapType.Notification:
                if (preserve || cap.Badge != 0) return null;
                return cap with { Badge = data };
            case CapType.CNode:
                int guardSize = (int)(data & 63);
                ulong guard = data >> 6;
                if (guardSize + _objects[cap.Obj].Radix > WordBits) return null;
                ulong mask = guardSize >= WordBits ? ulong.MaxValue : (1UL << guardSize) - 1;
                return cap with { Guard = guard & mask, GuardSize = guardSize };
            default:
                return cap;
        }
    }

    private static RefCap MaskRights(RefCap cap, CapRights mask) => cap with { Rights = cap.Rights & mask };

    /// <summary>deriveCap: Reply and IrqControl are not derivable; an Untyped with children cannot be copied.</summary>
    private RefResult Derivable(RefSlot source, RefCap cap)
    {
        if (cap.Type is CapType.Reply or CapType.IrqControl) return RefResult.Fail(KernelError.IllegalOperation);
        if (cap.Type == CapType.Untyped && HasChildren(source)) return RefResult.Fail(KernelError.RevokeFirst);
        return RefResult.Ok;
    }

    /// <summary>
    /// Inserts a capability derived from the one in <paramref name="source"/>. It is an original when it is
    /// an Untyped copy, an IrqHandler issued by IrqControl, or a badged endpoint/notification whose badge
    /// differs from the source's. Its parent: the source if the source is an original, else the source's
    /// parent. Copying an Untyped marks the source full.
    /// </summary>
    private void InsertDerived(RefSlot source, RefSlot dest, RefCap derived)
    {
        RefEntry src = _slots[source];
        bool original = derived.Type switch
        {
            CapType.Untyped => true,
            CapType.IrqHandler => src.Cap.Type == CapType.IrqControl,
            CapType.Endpoint or CapType.Notification => derived.Badge != src.Cap.Badge,
            _ => false,
        };
        RefSlot? parent = src.Original ? source : src.Parent;
        _slots[dest] = new RefEntry(derived, original, parent);
        if (src.Cap.Type == CapType.Untyped && derived.Type == CapType.Untyped)
        {
            src.Cap = src.Cap with { FreeIndex = 1UL << _objects[src.Cap.Obj].SizeBits };
        }
    }

    // ------------------------------------------------------------------ CNode operations

    /// <summary>Common front of Copy/Mint/Move/Mutate: destination looked up and empty (checked before the
    /// source is looked up), then the source looked up and full.</summary>
    private RefResult DestAndSource(RefCap? service, ulong destIndex, int destDepth, RefCap? srcRoot,
        ulong srcIndex, int srcDepth, out RefSlot dest, out RefSlot source)
    {
        source = default;
        RefResult r = LookupTarget(service, destIndex, destDepth, out dest);
        if (!r.IsOk) return r;
        if (_slots.ContainsKey(dest)) return RefResult.Fail(KernelError.DeleteFirst);
        r = LookupSlot(srcRoot, srcIndex, srcDepth, true, out source);
        if (!r.IsOk) return r;
        if (!_slots.ContainsKey(source)) return RefResult.Lookup(LookupFaultKind.MissingCapability, srcDepth, true);
        return RefResult.Ok;
    }

    public RefResult Copy(RefCap? service, ulong destIndex, int destDepth, RefCap? srcRoot, ulong srcIndex, int srcDepth, CapRights rights)
    {
        Begin();
        RefResult r = DestAndSource(service, destIndex, destDepth, srcRoot, srcIndex, srcDepth, out RefSlot dest, out RefSlot source);
        if (!r.IsOk) return r;
        RefCap derived = MaskRights(_slots[source].Cap, rights);
        r = Derivable(source, derived);
        if (!r.IsOk) return r;
        InsertDerived(source, dest, derived);
        return RefResult.Ok;
    }

    public RefResult Mint(RefCap? service, ulong destIndex, int destDepth, RefCap? srcRoot, ulong srcIndex, int srcDepth, CapRights rights, ulong data)
    {
        Begin();
        RefResult r = DestAndSource(service, destIndex, destDepth, srcRoot, srcIndex, srcDepth, out RefSlot dest, out RefSlot source);
        if (!r.IsOk) return r;
        RefCap? updated = UpdateData(false, data, _slots[source].Cap);
        if (updated is null) return RefResult.Fail(KernelError.IllegalOperation);
        RefCap derived = MaskRights(updated, rights);
        r = Derivable(source, derived);
        if (!r.IsOk) return r;
        InsertDerived(source, dest, derived);
        return RefResult.Ok;
    }

    public RefResult Move(RefCap? service, ulong destIndex, int destDepth, RefCap? srcRoot, ulong srcIndex, int srcDepth)
    {
        Begin();
        RefResult r = DestAndSource(service, destIndex, destDepth, srcRoot, srcIndex, srcDepth, out RefSlot dest, out RefSlot source);
        if (!r.IsOk) return r;
        Relocate(source, dest, _slots[source].Cap);
        return RefResult.Ok;
    }

    public RefResult Mutate(RefCap? service, ulong destIndex, int destDepth, RefCap? srcRoot, ulong srcIndex, int srcDepth, ulong data)
    {
        Begin();
        RefResult r = DestAndSource(service, destIndex, destDepth, srcRoot, srcIndex, srcDepth, out RefSlot dest, out RefSlot source);
        if (!r.IsOk) return r;
        RefCap? updated = UpdateData(true, data, _slots[source].Cap);
        if (updated is null) return RefResult.Fail(KernelError.IllegalOperation);
        Relocate(source, dest, updated);
        return RefResult.Ok;
    }

    /// <summary>
    /// Rotate: the pivot's capability (with destData) goes to dest, the source's (with pivotData) to the
    /// pivot; dest == source swaps. Checks, in seL4's order: the three lookups (dest, source, pivot), pivot
    /// distinct from source and dest, dest empty unless it is the source, source full, pivot full, both
    /// data updates valid.
    /// </summary>
    public RefResult Rotate(RefCap? service, ulong destIndex, int destDepth, ulong destData,
        RefCap? pivotRoot, ulong pivotIndex, int pivotDepth, ulong pivotData,
        RefCap? srcRoot, ulong srcIndex, int srcDepth)
    {
        Begin();
        RefResult r = LookupTarget(service, destIndex, destDepth, out RefSlot dest);
        if (!r.IsOk) return r;
        r = LookupSlot(srcRoot, srcIndex, srcDepth, true, out RefSlot source);
        if (!r.IsOk) return r;
        r = LookupSlot(pivotRoot, pivotIndex, pivotDepth, false, out RefSlot pivot);
        if (!r.IsOk) return r;
        if (pivot == source || pivot == dest) return RefResult.Fail(KernelError.IllegalOperation);
        if (source != dest && _slots.ContainsKey(dest)) return RefResult.Fail(KernelError.DeleteFirst);
        if (!_slots.ContainsKey(source)) return RefResult.Lookup(LookupFaultKind.MissingCapability, srcDepth, true);
        if (!_slots.ContainsKey(pivot)) return RefResult.Lookup(LookupFaultKind.MissingCapability, pivotDepth, false);
        RefCap? newSrc = UpdateData(true, pivotData, _slots[source].Cap);
        RefCap? newPivot = UpdateData(true, destData, _slots[pivot].Cap);
        if (newSrc is null || newPivot is null) return RefResult.Fail(KernelError.IllegalOperation);
        if (source == dest)
        {
            var temp = new RefSlot(-1, 0);
            Relocate(source, temp, newSrc);
            Relocate(pivot, source, newPivot);
            Relocate(temp, pivot, _slots[temp].Cap);
        }
        else
        {
            Relocate(pivot, dest, newPivot);
            Relocate(source, pivot, newSrc);
        }
        return RefResult.Ok;
    }

    /// <summary>Moves a slot's capability and its place in the tree (its children now name the new slot).</summary>
    private void Relocate(RefSlot from, RefSlot to, RefCap cap)
    {
        RefEntry e = _slots[from];
        _slots.Remove(from);
        _slots[to] = new RefEntry(cap, e.Original, e.Parent == from ? to : e.Parent);
        foreach (RefEntry other in _slots.Values)
        {
            if (other.Parent == from) other.Parent = to;
        }
    }

    public RefResult Delete(RefCap? service, ulong index, int depth)
    {
        Begin();
        RefResult r = LookupTarget(service, index, depth, out RefSlot slot);
        if (!r.IsOk) return r;
        if (_slots.ContainsKey(slot)) DeleteCap(slot);
        return RefResult.Ok;
    }

    /// <summary>
    /// Removes a capability; its children take its parent. If no capability to the object remains, the
    /// object is destroyed: a CNode's capabilities are deleted first (recursively), an IrqHandler's line
    /// is freed. (The final state does not depend on the order, which is why plain recursion is fine.)
    /// </summary>
    private void DeleteCap(RefSlot slot)
    {
        if (!_slots.TryGetValue(slot, out RefEntry? e)) return;
        _slots.Remove(slot);
        foreach (RefEntry other in _slots.Values)
        {
            if (other.Parent == slot) other.Parent = e.Parent;
        }
        int obj = e.Cap.Obj;
        if (obj < 0 || !_objects.ContainsKey(obj) || CapsTo(obj) > 0) return;
        RefObject dying = _objects[obj];
        _objects.Remove(obj);
        if (dying.Type == CapType.CNode)
        {
            for (ulong i = 0; i < 1UL << dying.Radix; i++) DeleteCap(new RefSlot(dying.Id, i));
        }
        if (dying.Type == CapType.IrqHandler) _irqsInUse.Remove(dying.Irq);
    }

    /// <summary>
    /// Revoke: deletes every CDT descendant of the capability, keeps the capability. Deleting a descendant
    /// can destroy a CNode and with it further capabilities; if that reaches the revoked capability's own
    /// slot, revocation stops there (seL4's cteRevoke loop ends when the slot is empty). If descendants are
    /// then left over, which ones were deleted first depends on an order the rules leave open: the reference
    /// flags the state as <see cref="Unspecified"/> and the harness stops comparing states (the Model's
    /// invariants are still checked). With nothing left over the outcome is determined and compared.
    /// </summary>
    public RefResult Revoke(RefCap? service, ulong index, int depth)
    {
        Begin();
        RefResult r = LookupTarget(service, index, depth, out RefSlot slot);
        if (!r.IsOk) return r;
        if (!_slots.TryGetValue(slot, out RefEntry? target)) return RefResult.Ok;
        HashSet<RefSlot> descendants = Descendants(slot);
        foreach (RefSlot d in descendants)
        {
            if (!_slots.TryGetValue(slot, out RefEntry? still) || !ReferenceEquals(still, target)) break;
            DeleteCap(d);
        }
        if (!_slots.TryGetValue(slot, out RefEntry? after) || !ReferenceEquals(after, target))
        {
            if (descendants.Any(d => _slots.ContainsKey(d)))
            {
                Unspecified = $"revoke of {slot} destroyed the CNode holding the revoked capability while descendants were left";
            }
        }
        return RefResult.Ok;
    }

    // ------------------------------------------------------------------ Untyped

    /// <summary>log2 size of an object of <paramref name="type"/> (AArch64 seL4 sizes).</summary>
    public static int ObjectSizeBits(ObjectType type, int userSize) => type switch
    {
        ObjectType.Tcb => 11,
        ObjectType.Endpoint => 4,
        ObjectType.Notification => 5,
        ObjectType.CNode => userSize + 5,
        ObjectType.Reply => 5,
        ObjectType.Frame4K => 12,
        ObjectType.Frame2M => 21,
        ObjectType.PageTable => 12,
        ObjectType.VSpace => 12,
        ObjectType.Untyped => userSize,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static CapType CapTypeFor(ObjectType type) => type switch
    {
        ObjectType.Untyped => CapType.Untyped,
        ObjectType.Tcb => CapType.Tcb,
        ObjectType.Endpoint => CapType.Endpoint,
        ObjectType.Notification => CapType.Notification,
        ObjectType.CNode => CapType.CNode,
        ObjectType.Reply => CapType.Reply,
        ObjectType.Frame4K or ObjectType.Frame2M => CapType.Frame,
        ObjectType.PageTable => CapType.PageTable,
        _ => CapType.VSpace,
    };

    /// <summary>
    /// Retype from the Untyped capability in root slot <paramref name="untypedRootSlot"/> into slots
    /// offset.. of the CNode named by (root, index, depth) — depth 0 names <paramref name="nodeRoot"/> itself.
    /// </summary>
    public RefResult Retype(ulong untypedRootSlot, ObjectType type, int sizeBits, RefCap? nodeRoot, ulong nodeIndex, int nodeDepth, ulong offset, int count)
    {
        Begin();
        var utSlot = new RefSlot(RootId, untypedRootSlot);
        RefCap? ut = RootSlotCap(untypedRootSlot);
        if (ut is null || ut.Type != CapType.Untyped) return RefResult.Fail(KernelError.InvalidCapability);
        // Size checks. seL4: userObjSize >= wordBits or objectSize > 47 -> RangeError(0, 47). Kaal.Model
        // bounds userObjSize by 62 for every type and a CNode's radix by its slot pool (a KaaL capacity);
        // the bounds and their order follow Kaal.Model (the seL4 rules only fix "Untyped: 4..47").
        if (sizeBits < 0 || sizeBits >= WordBits - 1) return RefResult.Range(0, WordBits - 2);
        if (type == ObjectType.Untyped && sizeBits > MaxUntypedBits) return RefResult.Range(0, MaxUntypedBits);
        if (type == ObjectType.CNode && sizeBits == 0) return RefResult.Fail(KernelError.InvalidArgument);
        if (type == ObjectType.CNode && sizeBits > SlotPoolOrder) return RefResult.Range(1, (ulong)SlotPoolOrder);
        if (type == ObjectType.Untyped && sizeBits < MinUntypedBits) return RefResult.Fail(KernelError.InvalidArgument);

        RefCap? node = nodeRoot;
        if (nodeDepth != 0)
        {
            RefResult r = LookupSlot(nodeRoot, nodeIndex, nodeDepth, false, out RefSlot nodeSlot);
            if (!r.IsOk) return r;
            node = CapAt(nodeSlot);
        }
        if (!IsCNode(node) || !IsLive(node!.Obj)) return RefResult.Lookup(LookupFaultKind.MissingCapability, nodeDepth, false);
        RefObject cnode = _objects[node.Obj];
        ulong size = 1UL << cnode.Radix;
        if (offset > size - 1) return RefResult.Range(0, size - 1);
        // Fan-out: after the destination lookup and the offset, as seL4's decodeUntypedInvocation.
        if (count < 1 || count > FanOutLimit) return RefResult.Range(1, FanOutLimit);
        if ((ulong)count > size - offset) return RefResult.Range(1, size - offset);
        for (ulong i = 0; i < (ulong)count; i++)
        {
            if (_slots.ContainsKey(new RefSlot(cnode.Id, offset + i))) return RefResult.Fail(KernelError.DeleteFirst);
        }

        RefObject region = _objects[ut.Obj];
        ulong freeIndex = HasChildren(utSlot) ? ut.FreeIndex : 0;
        ulong freeBytes = (1UL << region.SizeBits) - freeIndex;
        int objBits = ObjectSizeBits(type, sizeBits);
        ulong first = AlignUp(region.Addr + freeIndex, objBits);
        if (first + ((ulong)count << objBits) > region.End || first < region.Addr + freeIndex)
        {
            return new RefResult(KernelError.NotEnoughMemory, MemoryLeft: freeBytes);
        }
        bool frameOrUntyped = type is ObjectType.Frame4K or ObjectType.Frame2M or ObjectType.Untyped;
        if (region.IsDevice && !frameOrUntyped) return RefResult.Fail(KernelError.InvalidArgument);
        // Kernel-table capacities (KaaL has fixed tables where seL4 carves from the untyped): object table,
        // then for TCBs the thread table; checked last, order per Kaal.Model.
        if (_objects.Count + count > ObjectCapacity) return new RefResult(KernelError.NotEnoughMemory, MemoryLeft: freeBytes);
        if (type == ObjectType.Tcb && _objects.Values.Count(o => o.Type == CapType.Tcb) + count > ThreadCapacity)
        {
            return new RefResult(KernelError.NotEnoughMemory, MemoryLeft: freeBytes);
        }

        _slots[utSlot].Cap = ut with { FreeIndex = first + ((ulong)count << objBits) - region.Addr };
        CapType capType = CapTypeFor(type);
        for (int i = 0; i < count; i++)
        {
            RefObject o = NewObject(capType, first + ((ulong)i << objBits), objBits, region.IsDevice,
                type == ObjectType.CNode ? sizeBits : 0, 0);
            LastCreated.Add(o);
            _slots[new RefSlot(cnode.Id, offset + (ulong)i)] = new RefEntry(new RefCap(capType, CapRights.All, o.Id), true, utSlot);
        }
        return RefResult.Ok;
    }

    // ------------------------------------------------------------------ IRQs

    /// <summary>IrqControl.Get: issues the (single) handler capability for a line into an empty slot, as an
    /// original child of the IrqControl capability. Order: control cap, line range, line free, dest lookup,
    /// dest empty, object table (the last one is a KaaL capacity, checked last per Kaal.Model).</summary>
    public RefResult IrqGet(ulong controlRootSlot, uint irq, RefCap? root, ulong index, int depth)
    {
        Begin();
        var controlSlot = new RefSlot(RootId, controlRootSlot);
        RefCap? control = RootSlotCap(controlRootSlot);
        if (control is null || control.Type != CapType.IrqControl) return RefResult.Fail(KernelError.InvalidCapability);
        if (irq >= IrqCount) return RefResult.Range(0, IrqCount - 1);
        if (_irqsInUse.Contains(irq)) return RefResult.Fail(KernelError.RevokeFirst);
        RefResult r = LookupSlot(root, index, depth, false, out RefSlot dest);
        if (!r.IsOk) return r;
        if (_slots.ContainsKey(dest)) return RefResult.Fail(KernelError.DeleteFirst);
        if (_objects.Count >= ObjectCapacity) return new RefResult(KernelError.NotEnoughMemory, MemoryLeft: 0);
        RefObject handler = NewObject(CapType.IrqHandler, 0, 0, false, 0, irq);
        LastCreated.Add(handler);
        _irqsInUse.Add(irq);
        InsertDerived(controlSlot, dest, new RefCap(CapType.IrqHandler, CapRights.All, handler.Id));
        return RefResult.Ok;
    }

    // ------------------------------------------------------------------ helpers

    private void Begin() => LastCreated.Clear();

    private RefObject NewObject(CapType type, ulong addr, int sizeBits, bool device, int radix, uint irq)
    {
        var o = new RefObject { Id = _nextId++, Type = type, Addr = addr, SizeBits = sizeBits, IsDevice = device, Radix = radix, Irq = irq };
        _objects[o.Id] = o;
        return o;
    }

    private static ulong AlignUp(ulong value, int bits)
    {
        ulong mask = (1UL << bits) - 1;
        return (value + mask) & ~mask;
    }
}
