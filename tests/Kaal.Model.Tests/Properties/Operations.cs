using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Kaal.Model.Tests.Properties;

/// <summary>
/// A capability address as a test names it: a root capability (<see cref="Root"/> = -1: the root CNode
/// capability as boot made it, kept by the test like a thread's CSpace root; <see cref="Root"/> = i: whatever
/// capability root slot i holds right now), a cptr and a depth.
/// </summary>
public readonly record struct Addr(int Root, ulong Cptr, int Depth)
{
    public const int BootRoot = -1;

    public static Addr RootSlot(ulong index) => new(BootRoot, index, 64);

    public static Addr RootSlotOf(int index) => new(BootRoot, (ulong)index, 64);

    public override string ToString()
    {
        if (Root == BootRoot && Depth == 64 && Cptr < 64) return $"root[{Cptr}]";
        string root = Root == BootRoot ? "root" : $"cap(root[{Root}])";
        return $"{root}:0x{Cptr:x}/{Depth}";
    }
}

/// <summary>One generated operation. <see cref="ToString"/> is what a failure report prints, one per line.</summary>
public abstract record Op
{
    protected static string ShowRights(CapRights r) => r == CapRights.All ? "All" : r == CapRights.None ? "None" :
        (r.HasFlag(CapRights.Read) ? "R" : "") + (r.HasFlag(CapRights.Write) ? "W" : "") +
        (r.HasFlag(CapRights.Grant) ? "G" : "") + (r.HasFlag(CapRights.GrantReply) ? "g" : "");

    protected static string ShowData(ulong data)
    {
        int guardSize = (int)(data & 63);
        return $"0x{data:x} (badge {data} | guard 0x{data >> 6:x}/{guardSize})";
    }
}

public sealed record CopyOp(Addr Dest, Addr Src, CapRights Rights) : Op
{
    public override string ToString() => $"Copy   {Dest} <- {Src} rights={ShowRights(Rights)}";
}

public sealed record MintOp(Addr Dest, Addr Src, CapRights Rights, ulong Data) : Op
{
    public override string ToString() => $"Mint   {Dest} <- {Src} rights={ShowRights(Rights)} data={ShowData(Data)}";
}

public sealed record MoveOp(Addr Dest, Addr Src) : Op
{
    public override string ToString() => $"Move   {Dest} <- {Src}";
}

public sealed record MutateOp(Addr Dest, Addr Src, ulong Data) : Op
{
    public override string ToString() => $"Mutate {Dest} <- {Src} data={ShowData(Data)}";
}

public sealed record RotateOp(Addr Dest, ulong DestData, Addr Pivot, ulong PivotData, Addr Src) : Op
{
    public override string ToString() =>
        $"Rotate dest={Dest} destData={ShowData(DestData)} pivot={Pivot} pivotData={ShowData(PivotData)} src={Src}";
}

public sealed record DeleteOp(Addr Slot) : Op
{
    public override string ToString() => $"Delete {Slot}";
}

public sealed record RevokeOp(Addr Slot) : Op
{
    public override string ToString() => $"Revoke {Slot}";
}

/// <summary>Retype from the Untyped in root slot <see cref="UntypedSlot"/>; the destination CNode is
/// <see cref="Node"/> (depth 0 = the root capability itself).</summary>
public sealed record RetypeOp(uint UntypedSlot, ObjectType Type, int SizeBits, Addr Node, ulong Offset, int Count) : Op
{
    public override string ToString() =>
        $"Retype root[{UntypedSlot}] -> {Count} x {Type}(sizeBits {SizeBits}) into {(Node.Depth == 0 ? (Node.Root == Addr.BootRoot ? "root" : $"cap(root[{Node.Root}])") : Node.ToString())} from offset {Offset}";
}

public sealed record IrqGetOp(uint ControlSlot, uint Irq, Addr Dest) : Op
{
    public override string ToString() => $"IrqGet control=root[{ControlSlot}] irq={Irq} -> {Dest}";
}

/// <summary>resolveAddressBits (for depth 0..64) and lookupSlotForCNodeOp (any depth) on the same address.</summary>
public sealed record LookupOp(Addr Addr) : Op
{
    public override string ToString() => $"Lookup {Addr}";
}

/// <summary>A generated sequence; prints one numbered operation per line.</summary>
public sealed class OpSequence
{
    public OpSequence(IReadOnlyList<Op> ops) => Ops = ops;

    public IReadOnlyList<Op> Ops { get; }

    public override string ToString() => Format(Ops, Ops.Count);

    public static string Format(IReadOnlyList<Op> ops, int count)
    {
        var text = new StringBuilder();
        text.Append('[').Append(ops.Count).Append(" ops]");
        for (int i = 0; i < count && i < ops.Count; i++)
        {
            text.Append('\n').Append("  ").Append((i + 1).ToString().PadLeft(2)).Append(". ").Append(ops[i]);
        }
        return text.ToString();
    }
}
