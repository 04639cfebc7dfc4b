using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Model.Tests.Reference;

namespace Kaal.Model.Tests.Properties;

/// <summary>Object identity shared by the Model and the reference: type, physical range, device flag, IRQ line.</summary>
public readonly record struct ObjKey(CapType Type, ulong Addr, int SizeBits, bool Device, uint Irq) : IComparable<ObjKey>
{
    public bool HasMemory => Type != CapType.IrqHandler && Type != CapType.Null;
    public ulong End => Addr + (1UL << SizeBits);

    public int CompareTo(ObjKey other)
    {
        int c = Type.CompareTo(other.Type);
        if (c == 0) c = Addr.CompareTo(other.Addr);
        if (c == 0) c = SizeBits.CompareTo(other.SizeBits);
        if (c == 0) c = Irq.CompareTo(other.Irq);
        if (c == 0) c = Device.CompareTo(other.Device);
        return c;
    }

    public override string ToString() => Type == CapType.IrqHandler
        ? $"IrqHandler(irq {Irq})"
        : $"{Type}@0x{Addr:x}/{SizeBits}{(Device ? " device" : "")}";
}

/// <summary>A slot named independently of either implementation: the CNode's identity and the index.</summary>
public readonly record struct SlotId(ObjKey CNode, ulong Index) : IComparable<SlotId>
{
    public int CompareTo(SlotId other)
    {
        int c = CNode.CompareTo(other.CNode);
        return c != 0 ? c : Index.CompareTo(other.Index);
    }

    public override string ToString() => $"{CNode}[{Index}]";
}

/// <summary>Everything observable about a full slot: the capability's fields, the object it names, whether it
/// is an original, and its parent in the derivation tree (which is what Revoke acts on).</summary>
public readonly record struct CapView(CapType Type, CapRights Rights, ulong Badge, ulong Guard, int GuardSize,
    ObjKey? Object, ulong FreeIndex, bool Original, SlotId? Parent)
{
    public override string ToString() =>
        $"{Type} rights={Rights} badge={Badge} guard=0x{Guard:x}/{GuardSize} obj={(Object is ObjKey o ? o.ToString() : "-")}" +
        $"{(Type == CapType.Untyped ? $" freeIndex={FreeIndex}" : "")} original={Original} parent={(Parent is SlotId p ? p.ToString() : "-")}";

    /// <summary>The capability value alone, without its place in the tree.</summary>
    public CapView ValueOnly => this with { Original = false, Parent = null };
}

/// <summary>The observable capability state of one implementation at one moment.</summary>
public sealed class Snapshot
{
    public Dictionary<SlotId, CapView> Slots { get; } = new();
    public List<ObjKey> Live { get; } = new();
    public Dictionary<ObjKey, int> CNodeRadix { get; } = new();
    /// <summary>Model only: pool index -> slot.</summary>
    public Dictionary<uint, SlotId> PoolSlots { get; } = new();

    public static ObjKey Key(in KernelObject o) =>
        new(o.Kind, o.Kind == CapType.IrqHandler ? 0 : o.PhysAddr, o.Kind == CapType.IrqHandler ? 0 : o.SizeBits, o.IsDevice,
            o.Kind == CapType.IrqHandler ? o.Irq : 0);

    public static ObjKey Key(RefObject o) => new(o.Type, o.Addr, o.SizeBits, o.IsDevice, o.Irq);

    public static Snapshot Of(Kernel kernel)
    {
        var s = new Snapshot();
        ObjectTable table = kernel.Objects;
        for (uint i = 0; i < table.Capacity; i++)
        {
            ref KernelObject o = ref table[i];
            if (o.Kind == CapType.Null) continue;
            ObjKey key = Key(o);
            s.Live.Add(key);
            if (o.Kind != CapType.CNode) continue;
            s.CNodeRadix[key] = o.Radix;
            for (uint j = 0; j < 1u << o.Radix; j++) s.PoolSlots[o.SlotBase + j] = new SlotId(key, j);
        }
        s.Live.Sort();
        var dangling = new ObjKey(CapType.Null, 0xdead, 0, false, 0);
        foreach ((uint pool, SlotId id) in s.PoolSlots)
        {
            CapSlot slot = kernel.Slot(pool);
            Capability cap = slot.Cap;
            if (cap.IsNull) continue;
            ObjKey? obj = null;
            if (!cap.Object.IsNone)
            {
                obj = table.IsLive(cap.Object) ? Key(table[cap.Object.Index]) : dangling with { Addr = cap.Object.Index };
            }
            SlotId? parent = null;
            if (slot.Parent != CapSlot.None)
            {
                parent = s.PoolSlots.TryGetValue(slot.Parent, out SlotId p) ? p : new SlotId(dangling, slot.Parent);
            }
            s.Slots[id] = new CapView(cap.Type, cap.Rights, cap.Badge, cap.Guard, cap.GuardSizeBits, obj,
                cap.FreeIndexBytes, slot.IsOriginal, parent);
        }
        return s;
    }

    public static Snapshot Of(ReferenceCSpace reference)
    {
        var s = new Snapshot();
        foreach (RefObject o in reference.Objects.Values)
        {
            s.Live.Add(Key(o));
            if (o.Type == CapType.CNode) s.CNodeRadix[Key(o)] = o.Radix;
        }
        s.Live.Sort();
        foreach ((RefSlot slot, RefEntry e) in reference.Slots)
        {
            SlotId id = Id(reference, slot);
            RefCap cap = e.Cap;
            ObjKey? obj = cap.Obj < 0 ? null : Key(reference.Obj(cap.Obj));
            s.Slots[id] = new CapView(cap.Type, cap.Rights, cap.Badge, cap.Guard, cap.GuardSize, obj, cap.FreeIndex,
                e.Original, e.Parent is RefSlot p ? Id(reference, p) : null);
        }
        return s;
    }

    public static SlotId Id(ReferenceCSpace reference, RefSlot slot) => new(Key(reference.Obj(slot.CNode)), slot.Index);

    /// <summary>Null when equal, else the first difference (in a fixed order), described.</summary>
    public static string? FirstDifference(Snapshot model, Snapshot reference)
    {
        if (!model.Live.SequenceEqual(reference.Live))
        {
            var onlyModel = Minus(model.Live, reference.Live);
            var onlyRef = Minus(reference.Live, model.Live);
            return "live objects differ:" +
                (onlyModel.Count > 0 ? $"\n  live only in Model:     {string.Join(", ", onlyModel)}" : "") +
                (onlyRef.Count > 0 ? $"\n  live only in reference: {string.Join(", ", onlyRef)}" : "");
        }
        foreach ((ObjKey cnode, int radix) in model.CNodeRadix)
        {
            if (!reference.CNodeRadix.TryGetValue(cnode, out int r) || r != radix)
            {
                return $"CNode {cnode}: radix {radix} in Model, {(reference.CNodeRadix.ContainsKey(cnode) ? r.ToString() : "absent")} in reference";
            }
        }
        if (model.Slots.Count == reference.Slots.Count && model.Slots.All(kv => reference.Slots.TryGetValue(kv.Key, out CapView v) && v == kv.Value))
        {
            return null;
        }
        foreach (SlotId id in model.Slots.Keys.Union(reference.Slots.Keys).OrderBy(x => x))
        {
            bool inModel = model.Slots.TryGetValue(id, out CapView m);
            bool inRef = reference.Slots.TryGetValue(id, out CapView r);
            if (inModel && inRef && m == r) continue;
            return $"slot {id}:\n  Model:     {(inModel ? m.ToString() : "empty")}\n  reference: {(inRef ? r.ToString() : "empty")}";
        }
        return null;
    }

    private static List<ObjKey> Minus(List<ObjKey> a, List<ObjKey> b)
    {
        var rest = new List<ObjKey>(b);
        var result = new List<ObjKey>();
        foreach (ObjKey k in a)
        {
            if (!rest.Remove(k)) result.Add(k);
        }
        return result;
    }
}
