using System.Collections.Generic;

namespace Kaal.Model.Tests.Reference;

// Plain host-side values for the reference model. They reuse Kaal.Model's public enums (CapType,
// CapRights, KernelError, LookupFaultKind, ObjectType) only as vocabulary: numbers both sides agree on.

/// <summary>A slot of a reference CNode: the CNode's reference id and the slot index.</summary>
public readonly record struct RefSlot(int CNode, ulong Index)
{
    public override string ToString() => $"cnode#{CNode}[{Index}]";
}

/// <summary>
/// A capability value in the reference: type, rights, badge (endpoint/notification), guard and guard size
/// (CNode), the object it names (reference id; -1 for IrqControl, which names no object) and, for
/// Untyped, the watermark in bytes.
/// </summary>
public sealed record RefCap(CapType Type, CapRights Rights, int Obj, ulong Badge = 0, ulong Guard = 0, int GuardSize = 0, ulong FreeIndex = 0);

/// <summary>A full slot: its capability, whether it is an original (seL4: revocable) and its CDT parent.</summary>
public sealed class RefEntry
{
    public RefEntry(RefCap cap, bool original, RefSlot? parent)
    {
        Cap = cap;
        Original = original;
        Parent = parent;
    }

    public RefCap Cap { get; set; }
    public bool Original { get; set; }
    public RefSlot? Parent { get; set; }
}

/// <summary>A live object in the reference. Identity: its id; compared with the Model by (type, address, size).</summary>
public sealed class RefObject
{
    public required int Id { get; init; }
    public required CapType Type { get; init; }
    public ulong Addr { get; init; }
    public int SizeBits { get; init; }
    public bool IsDevice { get; init; }
    /// <summary>CNode only: log2 of the slot count.</summary>
    public int Radix { get; init; }
    /// <summary>IrqHandler only: the interrupt line.</summary>
    public uint Irq { get; init; }
    public bool HasMemory => Type != CapType.IrqHandler;
    public ulong End => Addr + (1UL << SizeBits);
}

/// <summary>The outcome of a reference operation, with the detail the Model reports.</summary>
public readonly record struct RefResult(
    KernelError Error,
    LookupFaultKind Fault = LookupFaultKind.None,
    int BitsLeft = 0,
    bool WasSource = false,
    ulong RangeMin = 0,
    ulong RangeMax = 0,
    ulong? MemoryLeft = null)
{
    public static RefResult Ok => default;
    public bool IsOk => Error == KernelError.Ok;
    public static RefResult Fail(KernelError error) => new(error);
    public static RefResult Range(ulong min, ulong max) => new(KernelError.RangeError, RangeMin: min, RangeMax: max);
    public static RefResult Lookup(LookupFaultKind fault, int bitsLeft, bool wasSource) =>
        new(KernelError.FailedLookup, fault, bitsLeft, wasSource);

    public override string ToString() => Error switch
    {
        KernelError.Ok => "Ok",
        KernelError.FailedLookup => $"FailedLookup({Fault}, bitsLeft={BitsLeft}, source={WasSource})",
        KernelError.RangeError => $"RangeError({RangeMin}..{RangeMax})",
        KernelError.NotEnoughMemory => MemoryLeft is ulong left ? $"NotEnoughMemory(left={left})" : "NotEnoughMemory",
        _ => Error.ToString(),
    };
}

/// <summary>The outcome of resolveAddressBits: a slot and the bits left untranslated, or a fault.</summary>
public readonly record struct RefLookup(RefSlot? Slot, int BitsRemaining, LookupFaultKind Fault, int FaultBitsLeft)
{
    public bool IsOk => Fault == LookupFaultKind.None;
}

/// <summary>Objects created by one reference operation, for the properties that inspect new memory.</summary>
public sealed class RefCreated
{
    public List<RefObject> Objects { get; } = new();
}
