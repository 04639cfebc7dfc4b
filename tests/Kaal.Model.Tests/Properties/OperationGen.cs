using System;
using System.Linq;
using CsCheck;

namespace Kaal.Model.Tests.Properties;

/// <summary>How often each kind of operation is drawn; each named property uses its own mix.</summary>
public sealed record OpMix(
    int Copy = 6, int Mint = 6, int Move = 4, int Mutate = 4, int Rotate = 3, int Delete = 5, int Revoke = 3,
    int Retype = 8, int Irq = 2, int Lookup = 4, int MaxLength = 60, int CNodes = 4, int Wild = 1, int Endpoints = 3, int WorkSlotCount = 10);

/// <summary>
/// Generators for operation sequences over <see cref="PropertyKernel"/>'s booted kernel (root radix 6:
/// slots 0..63; boot put the root CNode capability in 2, IrqControl in 4 and ten Untyped capabilities in
/// 16..25 — 2 KiB .. 512 KiB of RAM and a 4 KiB device region). Operand slots come mostly from a small
/// working set (32..41) so that operations collide; addresses are mostly plain root slots, otherwise
/// structured multi-level cptrs (guards of 0..3 bits, radix 1..6) or arbitrary words and depths.
/// </summary>
public static class OperationGen
{
    public static readonly int[] WorkSlots = { 32, 33, 34, 35, 36, 37, 38, 39, 40, 41 };
    public static readonly int[] UntypedSlots = { 16, 17, 18, 19, 20, 21, 22, 23, 24, 25 };

    /// <summary>Any word, often with its top bits clear (so small and medium magnitudes are common too).</summary>
    public static Gen<ulong> U64 =>
        from value in Gen.ULong
        from shift in Gen.OneOf(0, 0, 16, 32, 48, 56, 60)
        select value >> shift;

    /// <summary>A root-CNode slot index, mostly from the working set.</summary>
    public static Gen<int> RootSlot(OpMix mix) => Gen.Frequency(
        (14, Work(mix)),
        (1, Gen.OneOf(20, 24)),
        (1, Gen.OneOf(16, 17, 18, 23, 25)),
        (1, Gen.Const(4)),
        (1, Gen.Int[0, 63]));

    /// <summary>A source slot: like <see cref="RootSlot"/> but the root CNode capability (slot 2) is more
    /// likely, so copies/mints of it (guarded CNode capabilities to the root) are common.</summary>
    public static Gen<int> SourceSlot(OpMix mix) => Gen.Frequency((10, RootSlot(mix)), (2, Gen.Const(2)), (1, Gen.OneOf(20, 24)));

    /// <summary>The working set; a property may narrow it so that its objects meet more often.</summary>
    public static Gen<int> Work(OpMix mix) => Gen.OneOf(WorkSlots.Take(mix.WorkSlotCount).ToArray());

    /// <summary>The data word of Mint/Mutate/Rotate: badges, small guards (packed as seL4 packs them), guards
    /// that do not fit, arbitrary words.</summary>
    public static Gen<ulong> Data => Gen.Frequency(
        (4, Gen.Const(0UL)),
        (3, Gen.OneOf(1UL, 2UL, 0x42UL, 0xdead_beefUL)),
        (6, from size in Gen.OneOf(0, 0, 1, 2, 3)
            from guard in Gen.Int[0, (1 << size) - 1]
            select CapData.CNodeGuard((ulong)guard, size)),
        (1, from size in Gen.OneOf(4, 7, 55, 58, 59, 60, 61, 62, 63)
            from guard in U64
            select CapData.CNodeGuard(guard, size)),
        (1, U64));

    public static Gen<CapRights> Rights => Gen.Frequency(
        (3, Gen.Const(CapRights.All)),
        (5, Gen.Int[0, 15].Select(r => (CapRights)r)));

    /// <summary>One level of a structured cptr: guard bits then radix bits.</summary>
    private static Gen<(ulong Bits, int Width)> Level(OpMix mix) =>
        from guardSize in Gen.OneOf(0, 0, 0, 1, 2, 3)
        from guard in Gen.Frequency((5, Gen.Int[0, (1 << guardSize) - 1]), (1, Gen.Int[0, 7]))
        from radix in Gen.OneOf(6, 6, 1, 2, 3, 4)
        from index in radix == 6 ? RootSlot(mix) : Gen.Int[0, (1 << radix) - 1]
        select ((((ulong)guard & ((1UL << guardSize) - 1)) << radix) | (uint)index, guardSize + radix);

    private static Gen<Addr> Structured(OpMix mix) =>
        from root in Gen.Frequency((5, Work(mix)), (1, Gen.Const(Addr.BootRoot)))
        from levels in Gen.Int[1, 3]
        from parts in Level(mix).Array[levels]
        from tweak in Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[-3, 3]))
        select Compose(root, parts, tweak);

    private static Addr Compose(int root, (ulong Bits, int Width)[] parts, int tweak)
    {
        ulong cptr = 0;
        int depth = 0;
        foreach ((ulong bits, int width) in parts)
        {
            cptr = (cptr << width) | bits;
            depth += width;
        }
        return new Addr(root, cptr, Math.Clamp(depth + tweak, 0, 64));
    }

    /// <summary>Any address: mostly a plain root slot, else structured, else arbitrary (guard mismatches on
    /// the root's 58-bit zero guard, depths outside 1..64).</summary>
    public static Gen<Addr> Address(Gen<int> slot, OpMix mix) => Gen.Frequency(new (int, IGen<Addr>)[]
    {
        (12, slot.Select(s => Addr.RootSlot((ulong)s))),
        (5 * mix.Wild, Structured(mix)),
        (mix.Wild, from s in slot
            from high in Gen.Int[0, 63]
            from depth in Gen.Frequency((3, Gen.Const(64)), (1, Gen.Int[-1, 66]))
            select new Addr(Addr.BootRoot, (uint)s | (high == 0 ? 0 : 1UL << high), depth)),
        (mix.Wild, from s in slot
            from depth in Gen.Int[55, 63]
            select new Addr(Addr.BootRoot, (uint)s, depth)),
        (mix.Wild, from root in Gen.OneOf(Addr.BootRoot, 32, 33, 34, 2)
            from cptr in U64
            from depth in Gen.Int[-1, 66]
            select new Addr(root, cptr, depth)),
    }.Where(entry => entry.Item1 > 0).ToArray());

    private static Gen<Addr> Direct(Gen<int> slot) => slot.Select(s => Addr.RootSlot((ulong)s));

    public static Gen<Addr> Dest(OpMix mix) => Address(RootSlot(mix), mix);
    public static Gen<Addr> Src(OpMix mix) => Address(SourceSlot(mix), mix);

    public static Gen<(ObjectType Type, int SizeBits)> ObjectKind(int cnodes, int endpoints) => Gen.Frequency(
        (endpoints, Gen.Const((ObjectType.Endpoint, 0))),
        (endpoints, Gen.Const((ObjectType.Notification, 0))),
        (cnodes, Gen.Frequency((10, Gen.Int[1, 4]), (1, Gen.OneOf(0, 5, 12, 40))).Select(r => (ObjectType.CNode, r))),
        (3, Gen.Frequency((10, Gen.Int[4, 13]), (1, Gen.OneOf(3, 20, 47, 48))).Select(s => (ObjectType.Untyped, s))),
        (1, Gen.Const((ObjectType.Tcb, 0))),
        (1, Gen.Const((ObjectType.Frame4K, 0))),
        (1, Gen.Const((ObjectType.Reply, 0))),
        (1, Gen.OneOf((ObjectType.PageTable, 0), (ObjectType.VSpace, 0), (ObjectType.Frame2M, 0))),
        (1, from t in Gen.OneOf(ObjectType.Endpoint, ObjectType.Tcb) from s in Gen.Int[1, 70] select (t, s)));

    public static Gen<RetypeOp> Retype(OpMix mix) =>
        from untyped in Gen.Frequency(
            (mix.Wild == 0 ? 16 : 6, Gen.OneOf(20, 24)),
            (2, Gen.OneOf(16, 17, 18, 25)),
            (3, Work(mix)),
            (1, Gen.Int[0, 63]))
        from kind in ObjectKind(mix.CNodes, mix.Endpoints)
        from node in Gen.Frequency(
            (mix.Wild == 0 ? 20 : 6, Gen.Const(new Addr(Addr.BootRoot, 0, 0))),
            (3, Work(mix).Select(s => Addr.RootSlot((ulong)s))),
            (1, Work(mix).Select(s => new Addr(s, 0, 0))),
            (1, Dest(mix)))
        from offset in node.Depth == 0 && node.Root == Addr.BootRoot
            ? Gen.Frequency((10, Work(mix)), (1, Gen.Int[0, 70]))
            : Gen.Frequency((10, Gen.Int[0, 15]), (1, Gen.Int[16, 70]))
        from count in Gen.Frequency((12, Gen.Int[1, 3]), (1, Gen.OneOf(0, 4, 16, 64, 257)))
        select new RetypeOp((uint)untyped, kind.Type, kind.SizeBits, node, (ulong)offset, count);

    public static Gen<Op> Operation(OpMix mix)
    {
        Gen<Addr> Dest = OperationGen.Dest(mix), Src = OperationGen.Src(mix);
        return Gen.Frequency(new (int, IGen<Op>)[]
    {
        (mix.Copy, from d in Dest from s in Src from r in Rights select (Op)new CopyOp(d, s, r)),
        (mix.Mint, from d in Dest from s in Src from r in Rights from data in Data select (Op)new MintOp(d, s, r, data)),
        (mix.Move, from d in Dest from s in Src select (Op)new MoveOp(d, s)),
        (mix.Mutate, from d in Dest from s in Src from data in Data select (Op)new MutateOp(d, s, data)),
        (mix.Rotate, from d in Gen.Frequency((3, Direct(RootSlot(mix))), (1, Dest)) from dd in Data
                     from p in Gen.Frequency((3, Direct(SourceSlot(mix))), (1, Src)) from pd in Data
                     from same in Gen.Frequency((2, Gen.Const(true)), (3, Gen.Const(false)))
                     from s in Gen.Frequency((3, Direct(SourceSlot(mix))), (1, Src))
                     select (Op)new RotateOp(d, dd, p, pd, same ? d : s)),
        (mix.Delete, Dest.Select(d => (Op)new DeleteOp(d))),
        (mix.Revoke, Gen.Frequency((4, Gen.OneOf(20, 24).Select(Addr.RootSlotOf)), (6, Work(mix).Select(Addr.RootSlotOf)), (2, Src))
            .Select(d => (Op)new RevokeOp(d))),
        (mix.Retype, Retype(mix).Select(r => (Op)r)),
        (mix.Irq, from control in Gen.Frequency((8, Gen.Const(4)), (2, Work(mix)))
                  from irq in Gen.Frequency((8, Gen.Int[0, 15]), (1, Gen.OneOf(16, 63, 1000)))
                  from d in Dest
                  select (Op)new IrqGetOp((uint)control, (uint)irq, d)),
        (mix.Lookup, Src.Select(a => (Op)new LookupOp(a))),
    }.Where(entry => entry.Item1 > 0).ToArray());
    }

    /// <summary>1..MaxLength random operations, after an optional fixed set-up (which shrinking may drop too).</summary>
    public static Gen<OpSequence> Sequence(OpMix mix, params Op[] prefix) =>
        from length in Gen.Int[1, mix.MaxLength]
        from ops in Operation(mix).Array[length]
        select new OpSequence(prefix.Concat(ops).ToArray());

    /// <summary>Set-up that puts derivable objects in the working set: endpoints in 32/33, notifications in
    /// 34/35, a frame in 36, all from the 512 KiB Untyped in root[24].</summary>
    public static Op[] EndpointsInWorkSlots() => new Op[]
    {
        new RetypeOp(24, ObjectType.Endpoint, 0, new Addr(Addr.BootRoot, 0, 0), 32, 2),
        new RetypeOp(24, ObjectType.Notification, 0, new Addr(Addr.BootRoot, 0, 0), 34, 2),
        new RetypeOp(24, ObjectType.Frame4K, 0, new Addr(Addr.BootRoot, 0, 0), 36, 1),
    };
}
