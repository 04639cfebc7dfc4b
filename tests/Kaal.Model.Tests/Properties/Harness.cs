using System;
using System.Collections.Generic;
using Kaal.Model.Tests.Reference;

namespace Kaal.Model.Tests.Properties;

/// <summary>The small kernel every property runs on, and the same boot for the reference.</summary>
public static class PropertyKernel
{
    public const ulong RamBase = 0x4000_0000;
    public const ulong RamSize = 1UL << 20;
    public const ulong DeviceBase = 0x0900_0000;
    public const ulong DeviceSize = 1UL << 12;

    /// <summary>
    /// 64 objects (boot takes 11, so sequences do run the table out), 8 TCBs, a 64-slot root CNode, 16 IRQ lines.
    /// The slot pool (2^11 slots) is large enough that no sequence can exhaust it: at most 63 CNodes of
    /// radix &lt;= 4 plus the root touch at most 67 of its 128 aligned 16-slot blocks. That keeps the buddy
    /// allocator's placement (an implementation detail with no seL4 counterpart) out of what is compared.
    /// </summary>
    public static KernelConfig Config() => new()
    {
        ObjectCapacity = 64,
        SlotPoolOrder = 11,
        RootCNodeRadix = 6,
        IrqCount = 16,
        ThreadCapacity = 8,
        CoreCount = 1,
        MappingCapacity = 32,
    };

    public static BootRegion[] Regions() => new[]
    {
        new BootRegion(RamBase, RamSize, false),
        new BootRegion(DeviceBase, DeviceSize, true),
    };

    public static Kernel BootModel()
    {
        var kernel = new Kernel(Config());
        BootRegion[] regions = Regions();
        KernelResult booted = kernel.Boot(regions, regions.Length);
        if (!booted.IsOk) throw new InvalidOperationException($"boot failed: {booted.Error}");
        return kernel;
    }

    public static ReferenceCSpace BootReference()
    {
        KernelConfig c = Config();
        var reference = new ReferenceCSpace((int)c.ObjectCapacity, c.SlotPoolOrder, c.IrqCount, (int)c.ThreadCapacity);
        reference.Boot(Regions(), c.RootCNodeRadix);
        return reference;
    }
}

/// <summary>Everything a property's extra check may look at after one step.</summary>
public sealed class StepContext
{
    public required Kernel Kernel { get; init; }
    public required Op Op { get; init; }
    public required int Index { get; init; }
    public required Snapshot Before { get; init; }
    public required Snapshot After { get; init; }
    public required KernelResult Result { get; init; }
    /// <summary>The root CNode's identity (slots of the root are SlotId(RootKey, i)).</summary>
    public required ObjKey RootKey { get; init; }
    /// <summary>Slots the operation names, resolved (by the reference) before it ran; null when they did not resolve.</summary>
    public SlotId? Dest { get; init; }
    public SlotId? Src { get; init; }
    public SlotId? Pivot { get; init; }
    /// <summary>False once the reference flagged an order-dependent outcome (then only Model-side checks run).</summary>
    public bool ReferenceValid { get; init; }
    /// <summary>Objects the operation created according to the reference.</summary>
    public IReadOnlyList<ObjKey> Created { get; init; } = Array.Empty<ObjKey>();
}

/// <summary>A property's own check, run after every step on top of the agreement with the reference.</summary>
public interface IStepCheck
{
    /// <summary>Null if fine, else what is wrong.</summary>
    string? Check(StepContext step);
}

/// <summary>A failed property step; the message carries the operations up to the failing one, one per line.</summary>
public sealed class PropertyViolation(string message) : Exception(message);

/// <summary>
/// Runs a sequence on Kaal.Model and on the reference side by side. After every step: the same error (and
/// lookup fault kind / bits left / source flag, range bounds, bytes left), the same observable state (every
/// slot of every live CNode, every live object), Kaal.Model's own invariant checker, and the property's checks.
/// </summary>
public static class Harness
{
    public static void Run(OpSequence sequence, Coverage? coverage, params IStepCheck[] checks)
    {
        IReadOnlyList<Op> ops = sequence.Ops;
        Kernel kernel = PropertyKernel.BootModel();
        ReferenceCSpace reference = PropertyKernel.BootReference();
        Capability bootRoot = kernel.RootCNodeCap;
        uint rootBase = kernel.Object(bootRoot.Object).SlotBase;
        ObjKey rootKey = Snapshot.Key(kernel.Object(bootRoot.Object));

        Snapshot before = Snapshot.Of(kernel);
        string? bootDiff = Snapshot.FirstDifference(before, Snapshot.Of(reference));
        if (bootDiff is not null) throw new PropertyViolation($"boot states differ: {bootDiff}");
        bool referenceValid = true;

        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            string Where(string what) =>
                $"step {i + 1} of {ops.Count}: {op}\n{what}\n\nminimal sequence (up to the failing step):\n{OpSequence.Format(ops, i + 1)}";

            Capability ModelRoot(int root) =>
                root == Addr.BootRoot ? bootRoot :
                kernel.Objects.IsLive(bootRoot.Object) ? kernel.Slot(rootBase + (uint)root).Cap : Capability.Null();
            RefCap? RefRoot(int root) => root == Addr.BootRoot ? reference.BootRootCap : reference.RootSlotCap((ulong)root);
            SlotId? Resolve(Addr a)
            {
                if (!referenceValid) return null;
                RefResult r = reference.LookupSlot(RefRoot(a.Root), a.Cptr, a.Depth, false, out RefSlot slot);
                return r.IsOk ? Snapshot.Id(reference, slot) : null;
            }

            SlotId? dest = null, src = null, pivot = null;
            switch (op)
            {
                case CopyOp o: dest = Resolve(o.Dest); src = Resolve(o.Src); break;
                case MintOp o: dest = Resolve(o.Dest); src = Resolve(o.Src); break;
                case MoveOp o: dest = Resolve(o.Dest); src = Resolve(o.Src); break;
                case MutateOp o: dest = Resolve(o.Dest); src = Resolve(o.Src); break;
                case RotateOp o: dest = Resolve(o.Dest); src = Resolve(o.Src); pivot = Resolve(o.Pivot); break;
                case DeleteOp o: dest = Resolve(o.Slot); break;
                case RevokeOp o: dest = Resolve(o.Slot); break;
                case IrqGetOp o: dest = Resolve(o.Dest); break;
                case RetypeOp o: src = new SlotId(rootKey, o.UntypedSlot); break;
            }

            KernelResult result;
            RefResult expected = default;
            string? lookupDiff = null;
            try
            {
                result = ApplyModel(kernel, op, ModelRoot, rootBase, before, referenceValid ? reference : null, RefRoot, out lookupDiff);
            }
            catch (KernelPanicException panic)
            {
                throw new PropertyViolation(Where($"Kaal.Model panicked: {panic.Message}"));
            }
            if (referenceValid) expected = ApplyReference(reference, op, RefRoot);

            // Everything that disagrees at this step is reported together: results, the Model's own
            // invariant checker, the observable state.
            Snapshot after = Snapshot.Of(kernel);
            var problems = new List<string>();
            var created = new List<ObjKey>();
            if (referenceValid)
            {
                string? diff = CompareResult(result, expected) ?? lookupDiff;
                if (diff is not null) problems.Add(diff);
            }
            InvariantViolation violation = kernel.CheckInvariants();
            if (!violation.IsNone)
            {
                problems.Add($"Kaal.Model invariant broken: {violation.Kind} (slot {violation.Slot}, other {violation.Other})");
            }
            if (referenceValid)
            {
                if (reference.Unspecified is not null)
                {
                    referenceValid = false;
                    coverage?.Hit("unspecified-order revoke (comparison stopped)");
                }
                else
                {
                    string? stateDiff = Snapshot.FirstDifference(after, Snapshot.Of(reference));
                    if (stateDiff is not null) problems.Add($"states differ (result {Describe(result)}): {stateDiff}");
                    foreach (RefObject o in reference.LastCreated) created.Add(Snapshot.Key(o));
                }
            }
            if (problems.Count > 0) throw new PropertyViolation(Where(string.Join("\n", problems)));
            coverage?.Hit($"{op.GetType().Name.Replace("Op", "")} {(result.IsOk ? "Ok" : result.Error.ToString())}");
            if (coverage is not null && op is LookupOp lookup && referenceValid && lookup.Addr.Depth is >= 0 and <= 64)
            {
                RefLookup e = reference.Resolve(RefRoot(lookup.Addr.Root), lookup.Addr.Cptr, lookup.Addr.Depth);
                coverage.Hit(!e.IsOk ? $"resolve: {e.Fault}" : e.Slot!.Value.CNode != reference.RootId ? "resolve: ok in a nested CNode" : "resolve: ok in the root CNode");
                if (e.IsOk && e.BitsRemaining > 0) coverage.Hit("resolve: stopped early at a non-CNode slot");
                if (e.IsOk && lookup.Addr.Root != Addr.BootRoot) coverage.Hit("resolve: ok from a minted/mutated CNode capability");
            }

            var step = new StepContext
            {
                Kernel = kernel, Op = op, Index = i, Before = before, After = after, Result = result, RootKey = rootKey,
                Dest = dest, Src = src, Pivot = pivot, ReferenceValid = referenceValid, Created = created,
            };
            foreach (IStepCheck check in checks)
            {
                string? problem = check.Check(step);
                if (problem is not null) throw new PropertyViolation(Where(problem));
            }
            before = after;
        }
    }

    public static string Describe(in KernelResult r) => r.Error switch
    {
        KernelError.Ok => "Ok",
        KernelError.FailedLookup => $"FailedLookup({r.Lookup.Kind}, bitsLeft={r.Lookup.BitsLeft}, source={r.FailedLookupWasSource}) [{r.Reason}]",
        KernelError.RangeError => $"RangeError({r.RangeMin}..{r.RangeMax}) [{r.Reason}]",
        KernelError.NotEnoughMemory => $"NotEnoughMemory(left={r.MemoryLeftBytes}) [{r.Reason}]",
        _ => $"{r.Error} [{r.Reason}]",
    };

    private static string? CompareResult(in KernelResult model, RefResult reference)
    {
        bool same = model.Error == reference.Error;
        if (same && model.Error == KernelError.FailedLookup)
        {
            same = model.Lookup.Kind == reference.Fault && model.Lookup.BitsLeft == reference.BitsLeft &&
                model.FailedLookupWasSource == reference.WasSource;
        }
        if (same && model.Error == KernelError.RangeError)
        {
            same = model.RangeMin == reference.RangeMin && model.RangeMax == reference.RangeMax;
        }
        if (same && model.Error == KernelError.NotEnoughMemory && reference.MemoryLeft is ulong left)
        {
            same = model.MemoryLeftBytes == left;
        }
        return same ? null : $"results differ:\n  Model:     {Describe(model)}\n  reference: {reference}";
    }

    private static KernelResult ApplyModel(Kernel k, Op op, Func<int, Capability> root, uint rootBase, Snapshot before,
        ReferenceCSpace? reference, Func<int, RefCap?> refRoot, out string? lookupDiff)
    {
        lookupDiff = null;
        switch (op)
        {
            case CopyOp o:
                return k.CNodeCopy(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, root(o.Src.Root), o.Src.Cptr, o.Src.Depth, o.Rights);
            case MintOp o:
                return k.CNodeMint(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, root(o.Src.Root), o.Src.Cptr, o.Src.Depth, o.Rights, o.Data);
            case MoveOp o:
                return k.CNodeMove(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, root(o.Src.Root), o.Src.Cptr, o.Src.Depth);
            case MutateOp o:
                return k.CNodeMutate(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, root(o.Src.Root), o.Src.Cptr, o.Src.Depth, o.Data);
            case RotateOp o:
                return k.CNodeRotate(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, o.DestData,
                    root(o.Pivot.Root), o.Pivot.Cptr, o.Pivot.Depth, o.PivotData, root(o.Src.Root), o.Src.Cptr, o.Src.Depth);
            case DeleteOp o:
                return k.CNodeDelete(root(o.Slot.Root), o.Slot.Cptr, o.Slot.Depth);
            case RevokeOp o:
                return k.CNodeRevoke(root(o.Slot.Root), o.Slot.Cptr, o.Slot.Depth);
            case RetypeOp o:
                return k.UntypedRetype(rootBase + o.UntypedSlot, o.Type, o.SizeBits, root(o.Node.Root), o.Node.Cptr, o.Node.Depth, o.Offset, o.Count);
            case IrqGetOp o:
                return k.IrqControlGet(rootBase + o.ControlSlot, o.Irq, root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth);
            case LookupOp o:
            {
                Capability r = root(o.Addr.Root);
                if (reference is not null && o.Addr.Depth >= 0 && o.Addr.Depth <= 64)
                {
                    SlotLookup m = k.ResolveAddressBits(r, o.Addr.Cptr, o.Addr.Depth);
                    RefLookup e = reference.Resolve(refRoot(o.Addr.Root), o.Addr.Cptr, o.Addr.Depth);
                    lookupDiff = CompareLookup(m, e, before, reference);
                }
                KernelResult result = k.LookupSlot(r, o.Addr.Cptr, o.Addr.Depth, false, out uint slot);
                if (lookupDiff is null && reference is not null && result.IsOk)
                {
                    RefResult expected = reference.LookupSlot(refRoot(o.Addr.Root), o.Addr.Cptr, o.Addr.Depth, false, out RefSlot refSlot);
                    if (expected.IsOk)
                    {
                        SlotId want = Snapshot.Id(reference, refSlot);
                        SlotId? got = before.PoolSlots.TryGetValue(slot, out SlotId g) ? g : null;
                        if (got != want) lookupDiff = $"lookupSlot found different slots:\n  Model:     {got}\n  reference: {want}";
                    }
                }
                return result;
            }
            default:
                throw new ArgumentException($"unknown op {op}");
        }
    }

    private static string? CompareLookup(in SlotLookup m, RefLookup e, Snapshot before, ReferenceCSpace reference)
    {
        string model = m.IsOk
            ? $"slot {(before.PoolSlots.TryGetValue(m.Slot, out SlotId s) ? s.ToString() : $"pool#{m.Slot}")}, bits remaining {m.BitsRemaining}"
            : $"{m.Fault.Kind}, bits left {m.Fault.BitsLeft}";
        string expected = e.IsOk
            ? $"slot {Snapshot.Id(reference, e.Slot!.Value)}, bits remaining {e.BitsRemaining}"
            : $"{e.Fault}, bits left {e.FaultBitsLeft}";
        return model == expected ? null : $"resolveAddressBits differs:\n  Model:     {model}\n  reference: {expected}";
    }

    private static RefResult ApplyReference(ReferenceCSpace r, Op op, Func<int, RefCap?> root) => op switch
    {
        CopyOp o => r.Copy(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, root(o.Src.Root), o.Src.Cptr, o.Src.Depth, o.Rights),
        MintOp o => r.Mint(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, root(o.Src.Root), o.Src.Cptr, o.Src.Depth, o.Rights, o.Data),
        MoveOp o => r.Move(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, root(o.Src.Root), o.Src.Cptr, o.Src.Depth),
        MutateOp o => r.Mutate(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, root(o.Src.Root), o.Src.Cptr, o.Src.Depth, o.Data),
        RotateOp o => r.Rotate(root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth, o.DestData,
            root(o.Pivot.Root), o.Pivot.Cptr, o.Pivot.Depth, o.PivotData, root(o.Src.Root), o.Src.Cptr, o.Src.Depth),
        DeleteOp o => r.Delete(root(o.Slot.Root), o.Slot.Cptr, o.Slot.Depth),
        RevokeOp o => r.Revoke(root(o.Slot.Root), o.Slot.Cptr, o.Slot.Depth),
        RetypeOp o => r.Retype(o.UntypedSlot, o.Type, o.SizeBits, root(o.Node.Root), o.Node.Cptr, o.Node.Depth, o.Offset, o.Count),
        IrqGetOp o => r.IrqGet(o.ControlSlot, o.Irq, root(o.Dest.Root), o.Dest.Cptr, o.Dest.Depth),
        LookupOp o => r.LookupSlot(root(o.Addr.Root), o.Addr.Cptr, o.Addr.Depth, false, out _),
        _ => throw new ArgumentException($"unknown op {op}"),
    };
}
