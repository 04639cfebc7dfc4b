namespace Kaal.Model;

/// <summary>Capability types, numbered as the original KaaL ABI numbered them.</summary>
public enum CapType : byte
{
    Null = 0,
    Untyped = 1,
    Endpoint = 2,
    Notification = 3,
    Tcb = 4,
    CNode = 5,
    VSpace = 6,
    PageTable = 7,
    Frame = 8,
    IrqHandler = 9,
    IrqControl = 10,
    Reply = 11,
}
