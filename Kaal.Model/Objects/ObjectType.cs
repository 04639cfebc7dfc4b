namespace Kaal.Model;

/// <summary>What Untyped.Retype can create. IRQ handlers come from IrqControl.Get, as in seL4.</summary>
public enum ObjectType : byte
{
    Untyped = 0,
    Tcb = 1,
    Endpoint = 2,
    Notification = 3,
    CNode = 4,
    Reply = 5,
    Frame4K = 6,
    Frame2M = 7,
    PageTable = 8,
    VSpace = 9,
}
