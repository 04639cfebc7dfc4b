namespace Kaal.Model;

/// <summary>
/// One CNode slot: the capability and its place in the capability derivation tree (CDT).
/// The tree is explicit (parent, first child, doubly linked siblings) instead of seL4's ordered MDB
/// list; <see cref="IsOriginal"/> is seL4's mdbRevocable bit and decides where a derived capability hangs.
/// </summary>
public struct CapSlot
{
    public const uint None = uint.MaxValue;

    public Capability Cap;
    public bool IsOriginal;
    public uint Parent;
    public uint FirstChild;
    public uint NextSibling;
    public uint PrevSibling;

    public static CapSlot Empty() => new()
    {
        Cap = Capability.Null(),
        IsOriginal = false,
        Parent = None,
        FirstChild = None,
        NextSibling = None,
        PrevSibling = None,
    };
}
