namespace Kaal.Model;

/// <summary>
/// A capability value: what a slot holds. Plain data (16 + 16 bytes), copied freely; authority comes
/// from where it is stored, never from holding the value.
/// </summary>
public readonly struct Capability
{
    public readonly CapType Type;
    public readonly CapRights Rights;
    /// <summary>CNode capabilities: how many guard bits <see cref="Data"/> holds.</summary>
    public readonly byte GuardSizeBits;
    public readonly ObjectRef Object;
    /// <summary>Badge (endpoint, notification), guard (CNode) or IRQ number (IRQ handler).</summary>
    public readonly ulong Data;
    /// <summary>Untyped capabilities: bytes already handed out from the start of the region (seL4 keeps
    /// this per capability, not per object).</summary>
    public readonly ulong FreeIndexBytes;

    public Capability(CapType type, CapRights rights, ObjectRef obj, ulong data, int guardSizeBits, ulong freeIndexBytes)
    {
        Type = type;
        Rights = rights;
        Object = obj;
        Data = data;
        GuardSizeBits = (byte)guardSizeBits;
        FreeIndexBytes = freeIndexBytes;
    }

    public bool IsNull => Type == CapType.Null;

    public ulong Badge
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => Type == CapType.Endpoint || Type == CapType.Notification ? Data : 0;
    }

    public ulong Guard => Type == CapType.CNode ? Data : 0;

    public static Capability Null() => default;

    public static Capability ToObject(CapType type, ObjectRef obj) =>
        new(type, CapRights.All, obj, 0, 0, 0);

    public Capability WithRightsMasked(CapRights mask) =>
        new(Type, Rights & mask, Object, Data, GuardSizeBits, FreeIndexBytes);

    public Capability WithData(ulong data, int guardSizeBits) =>
        new(Type, Rights, Object, data, guardSizeBits, FreeIndexBytes);

    public Capability WithFreeIndex(ulong freeIndexBytes) =>
        new(Type, Rights, Object, Data, GuardSizeBits, freeIndexBytes);

    public bool SameValueAs(in Capability other) =>
        Type == other.Type && Rights == other.Rights && GuardSizeBits == other.GuardSizeBits &&
        Object.SameAs(other.Object) && Data == other.Data && FreeIndexBytes == other.FreeIndexBytes;
}
