namespace Kaal.Model;

/// <summary>Object sizes on AArch64, as seL4 defines them (log2 of bytes).</summary>
public static class ObjectSizes
{
    public const int WordBits = 64;
    public const int TcbBits = 11;
    public const int EndpointBits = 4;
    public const int NotificationBits = 5;
    public const int ReplyBits = 5;
    /// <summary>A CNode slot is 32 bytes in seL4 (capability + derivation links).</summary>
    public const int SlotBits = 5;
    public const int PageBits = 12;
    public const int LargePageBits = 21;
    public const int PageTableBits = 12;
    public const int VSpaceBits = 12;
    public const int MinUntypedBits = 4;
    public const int MaxUntypedBits = 47;
    /// <summary>seL4's CONFIG_RETYPE_FAN_OUT_LIMIT.</summary>
    public const int RetypeFanOutLimit = 256;

    public static bool IsValid(ObjectType type) => type <= ObjectType.VSpace;

    public static bool IsFrame(ObjectType type) => type == ObjectType.Frame4K || type == ObjectType.Frame2M;

    /// <summary>log2 of the object's size in bytes; <paramref name="userSizeBits"/> matters only for
    /// the variable-sized types (Untyped: its size; CNode: its radix).</summary>
    public static int SizeBits(ObjectType type, int userSizeBits) => type switch
    {
        ObjectType.Untyped => userSizeBits,
        ObjectType.Tcb => TcbBits,
        ObjectType.Endpoint => EndpointBits,
        ObjectType.Notification => NotificationBits,
        ObjectType.CNode => userSizeBits + SlotBits,
        ObjectType.Reply => ReplyBits,
        ObjectType.Frame4K => PageBits,
        ObjectType.Frame2M => LargePageBits,
        ObjectType.PageTable => PageTableBits,
        _ => VSpaceBits,
    };

    public static CapType CapTypeOf(ObjectType type) => type switch
    {
        ObjectType.Untyped => CapType.Untyped,
        ObjectType.Tcb => CapType.Tcb,
        ObjectType.Endpoint => CapType.Endpoint,
        ObjectType.Notification => CapType.Notification,
        ObjectType.CNode => CapType.CNode,
        ObjectType.Reply => CapType.Reply,
        ObjectType.Frame4K => CapType.Frame,
        ObjectType.Frame2M => CapType.Frame,
        ObjectType.PageTable => CapType.PageTable,
        _ => CapType.VSpace,
    };
}
