using System.Collections.Generic;
using System.Linq;

namespace Kaal.Model.Tests.Properties;

/// <summary>Tree helpers over a <see cref="Snapshot"/> (the observable derivation tree: parent links).</summary>
public static class Tree
{
    public static IEnumerable<SlotId> Ancestors(Snapshot s, SlotId slot)
    {
        var seen = new HashSet<SlotId>();
        for (SlotId? p = s.Slots[slot].Parent; p is SlotId ps && s.Slots.ContainsKey(ps) && seen.Add(ps); p = s.Slots[ps].Parent)
        {
            yield return ps;
        }
    }

    public static HashSet<SlotId> Descendants(Snapshot s, SlotId slot) =>
        s.Slots.Keys.Where(k => Ancestors(s, k).Contains(slot)).ToHashSet();

    public static bool HasChildren(Snapshot s, SlotId slot) => s.Slots.Values.Any(v => v.Parent == slot);

    public static int CapsTo(Snapshot s, ObjKey obj) => s.Slots.Values.Count(v => v.Object == obj);

    public static int LiveCount(Snapshot s, ObjKey obj) => s.Live.Count(k => k == obj);

    public static ulong AlignUp(ulong value, int bits) => (value + ((1UL << bits) - 1)) & ~((1UL << bits) - 1);

    /// <summary>Objects live after but not before (as a multiset difference).</summary>
    public static List<ObjKey> NewObjects(StepContext step)
    {
        var rest = new List<ObjKey>(step.Before.Live);
        var created = new List<ObjKey>();
        foreach (ObjKey k in step.After.Live)
        {
            if (!rest.Remove(k)) created.Add(k);
        }
        return created;
    }
}

/// <summary>
/// No rights amplification along any derivation: (1) a Copy/Mint result has no right that the source or
/// the requested mask lacked, names the same object and keeps a set badge; (2) in the whole tree, a
/// capability to the same object as its parent has no right the parent lacks and the parent's badge if set;
/// (3) Move/Mutate/Rotate never change rights; (4) per object, the union of rights over all its capabilities
/// never grows except when the object is created.
/// </summary>
public sealed class NoRightsAmplification(Coverage coverage) : IStepCheck
{
    public string? Check(StepContext step)
    {
        foreach ((SlotId slot, CapView cap) in step.After.Slots)
        {
            if (cap.Parent is not SlotId p || !step.After.Slots.TryGetValue(p, out CapView parent)) continue;
            if (cap.Object is null || cap.Object != parent.Object) continue;
            if ((cap.Rights & ~parent.Rights) != 0) return $"rights amplified: {slot} has {cap.Rights}, its parent {p} only {parent.Rights}";
            if (parent.Badge != 0 && cap.Badge != parent.Badge) return $"badge changed: {slot} has {cap.Badge}, its parent {p} {parent.Badge}";
            coverage.Hit("same-object derivation edges checked");
        }
        if (step.Op is MintOp && step.Src is SlotId badgedSrc && step.Before.Slots.TryGetValue(badgedSrc, out CapView minted) && minted.Badge != 0)
        {
            coverage.Hit("mint from a badged capability");
        }
        if (step.Result.IsOk && step.Dest is SlotId dest && step.Src is SlotId src && step.Before.Slots.TryGetValue(src, out CapView source))
        {
            CapView made = step.After.Slots[dest];
            CapRights mask = step.Op switch { CopyOp c => c.Rights, MintOp m => m.Rights, _ => CapRights.All };
            if (step.Op is CopyOp or MintOp)
            {
                if ((made.Rights & ~(source.Rights & mask)) != 0) return $"derived {dest} has {made.Rights}; source {source.Rights}, mask {mask}";
                if (made.Object != source.Object) return $"derived {dest} names {made.Object}, source named {source.Object}";
                if (source.Badge != 0 && made.Badge != source.Badge) return $"derived {dest} re-badged {source.Badge} -> {made.Badge}";
                if ((source.Rights & ~mask) != 0) coverage.Hit("derivations that dropped rights");
            }
            if (step.Op is MoveOp or MutateOp && made.Rights != source.Rights) return $"{step.Op.GetType().Name} changed rights {source.Rights} -> {made.Rights}";
        }
        Dictionary<ObjKey, CapRights> before = Union(step.Before), after = Union(step.After);
        foreach ((ObjKey obj, CapRights rights) in after)
        {
            if (before.TryGetValue(obj, out CapRights had) && (rights & ~had) != 0 && Tree.LiveCount(step.After, obj) <= Tree.LiveCount(step.Before, obj))
            {
                return $"authority over {obj} grew from {had} to {rights}";
            }
        }
        return null;
    }

    private static Dictionary<ObjKey, CapRights> Union(Snapshot s)
    {
        var union = new Dictionary<ObjKey, CapRights>();
        foreach (CapView v in s.Slots.Values)
        {
            if (v.Object is ObjKey o) union[o] = union.GetValueOrDefault(o) | v.Rights;
        }
        return union;
    }
}

/// <summary>
/// Revoke removes exactly the descendants and keeps the capability: afterwards the revoked slot holds the
/// same capability with no descendants; every former descendant's slot is empty; every other capability
/// is untouched, except those inside CNodes the revoke destroyed (their last capability was a descendant).
/// </summary>
public sealed class RevokeRemovesExactlyDescendants(Coverage coverage) : IStepCheck
{
    public string? Check(StepContext step)
    {
        if (step.Op is not RevokeOp || !step.Result.IsOk || step.Dest is not SlotId target) return null;
        if (!step.Before.Slots.TryGetValue(target, out CapView kept)) return null;
        HashSet<SlotId> descendants = Tree.Descendants(step.Before, target);
        if (descendants.Count == 0) coverage.Hit("revoke: nothing to revoke");
        else if (descendants.Any(d => step.Before.Slots[d].Parent != target)) coverage.Hit("revoke: with grandchildren");
        else coverage.Hit("revoke: children only");
        if (!step.After.CNodeRadix.ContainsKey(target.CNode))
        {
            coverage.Hit("revoke: destroyed the revoked capability's own CNode");
            return null;
        }
        if (!step.After.Slots.TryGetValue(target, out CapView now) || now.ValueOnly != kept.ValueOnly)
        {
            return $"revoke did not keep the capability in {target}: before {kept}, after {(step.After.Slots.ContainsKey(target) ? now : "empty")}";
        }
        foreach (SlotId k in step.After.Slots.Keys)
        {
            if (Tree.Ancestors(step.After, k).Contains(target)) return $"after revoke, {k} still descends from {target}";
        }
        foreach (SlotId d in descendants)
        {
            if (step.After.Slots.ContainsKey(d) && step.After.CNodeRadix.ContainsKey(d.CNode))
            {
                return $"revoke of {target} left its descendant {d} ({step.Before.Slots[d]})";
            }
        }
        foreach ((SlotId s, CapView v) in step.Before.Slots)
        {
            if (s == target || descendants.Contains(s) || !step.After.CNodeRadix.ContainsKey(s.CNode)) continue;
            if (!step.After.Slots.TryGetValue(s, out CapView w) || w.ValueOnly != v.ValueOnly)
            {
                return $"revoke of {target} touched {s}, which is not a descendant: before {v}, after {(step.After.Slots.ContainsKey(s) ? w : "empty")}";
            }
        }
        return null;
    }
}

/// <summary>
/// Deleting the last capability destroys the object (and an object stays live exactly as long as some
/// capability names it); an Untyped hands out memory below its watermark again only once it has no
/// children: a Retype from an Untyped with children starts at or above its watermark, one from an Untyped
/// without children starts at the region's base, and the watermark ends after the last new object.
/// </summary>
public sealed class LastCapDestroysAndMemoryReuse(Coverage coverage) : IStepCheck
{
    public string? Check(StepContext step)
    {
        var named = step.After.Slots.Values.Where(v => v.Object is not null).Select(v => v.Object!.Value).ToHashSet();
        var live = step.After.Live.ToHashSet();
        foreach (ObjKey o in live)
        {
            if (!named.Contains(o)) return $"{o} is live but no capability names it";
        }
        foreach (ObjKey o in named)
        {
            if (!live.Contains(o)) return $"a capability names {o}, which is not live";
        }
        if (step.Op is DeleteOp && step.Result.IsOk && step.Dest is SlotId slot &&
            step.Before.Slots.TryGetValue(slot, out CapView deleted) && deleted.Object is ObjKey obj)
        {
            bool last = Tree.CapsTo(step.Before, obj) == 1 && Tree.LiveCount(step.Before, obj) == 1;
            if (last)
            {
                coverage.Hit("delete: last capability");
                if (Tree.LiveCount(step.After, obj) != 0) return $"deleted the last capability to {obj} but it is still live";
            }
            else
            {
                coverage.Hit("delete: not the last capability");
            }
        }
        if (step.Op is RetypeOp retype && step.Result.IsOk && step.Src is SlotId u)
        {
            CapView untyped = step.Before.Slots[u];
            ObjKey region = untyped.Object!.Value;
            bool hadChildren = Tree.HasChildren(step.Before, u);
            List<ObjKey> made = Tree.NewObjects(step).OrderBy(k => k.Addr).ToList();
            if (made.Count != retype.Count) return $"retype of {retype.Count} made {made.Count} new objects";
            ulong floor = hadChildren ? region.Addr + untyped.FreeIndex : region.Addr;
            ulong expectedFirst = Tree.AlignUp(floor, made[0].SizeBits);
            if (made[0].Addr != expectedFirst)
            {
                return hadChildren
                    ? $"{u} has children and watermark {untyped.FreeIndex}, yet the first new object is at 0x{made[0].Addr:x}, not 0x{expectedFirst:x}"
                    : $"{u} has no children, yet the first new object is at 0x{made[0].Addr:x}, not at the (aligned) base 0x{expectedFirst:x}";
            }
            ulong watermark = step.After.Slots[u].FreeIndex;
            if (region.Addr + watermark != made[^1].End) return $"watermark of {u} is {watermark}, but the last new object ends at 0x{made[^1].End:x}";
            if (!hadChildren && untyped.FreeIndex != 0) coverage.Hit("retype: memory reused after the untyped lost its children");
            if (hadChildren) coverage.Hit("retype: above the watermark");
        }
        return null;
    }
}

/// <summary>
/// Retype never hands out overlapping memory: live objects with memory are pairwise disjoint unless one is
/// an Untyped containing the other; new objects lie inside the Untyped they came from, aligned to their
/// size, and overlap no object that was live before except Untypeds containing them.
/// </summary>
public sealed class NoOverlappingMemory(Coverage coverage) : IStepCheck
{
    public string? Check(StepContext step)
    {
        List<ObjKey> objects = step.After.Live.Where(k => k.HasMemory).OrderBy(k => k.Addr).ToList();
        for (int i = 0; i < objects.Count; i++)
        {
            for (int j = i + 1; j < objects.Count && objects[j].Addr < objects[i].End; j++)
            {
                if (!Contains(objects[i], objects[j]) && !Contains(objects[j], objects[i]))
                {
                    return $"live objects overlap: {objects[i]} and {objects[j]}";
                }
            }
        }
        if (step.Op is RetypeOp && step.Result.IsOk && step.Src is SlotId u)
        {
            ObjKey region = step.Before.Slots[u].Object!.Value;
            List<ObjKey> made = Tree.NewObjects(step);
            coverage.Hit($"retype: {made.Count} new object(s)");
            foreach (ObjKey o in made)
            {
                if (!Contains(region, o) || o.Addr < region.Addr) return $"new {o} is not inside its Untyped {region}";
                if ((o.Addr & ((1UL << o.SizeBits) - 1)) != 0) return $"new {o} is not aligned to its size";
                foreach (ObjKey old in step.Before.Live.Where(k => k.HasMemory))
                {
                    bool overlap = o.Addr < old.End && old.Addr < o.End;
                    if (overlap && !(old.Type == CapType.Untyped && Contains(old, o))) return $"new {o} overlaps live {old}";
                }
            }
        }
        return null;
    }

    private static bool Contains(ObjKey outer, ObjKey inner) =>
        outer.Type == CapType.Untyped && outer.Addr <= inner.Addr && inner.End <= outer.End;
}
