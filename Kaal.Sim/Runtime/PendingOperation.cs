using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.Sim.Runtime;

public enum OperationKind : byte
{
    Syscall,
    Load,
    Store,
    /// <summary>A 32-bit device register access.</summary>
    Mmio,
    SystemRegister,
    Barrier,
}

/// <summary>The operation a suspended component waits to have run: a syscall with its registers, a memory access
/// or a memory barrier.</summary>
public struct PendingOperation
{
    public OperationKind Kind;
    public Syscall Number;
    public ulong A0, A1, A2, A3, A4, A5, A6, A7;
    public ulong VirtAddr;
    public ulong Value;
    public MemoryOrder Order;
    public bool IsWrite;
    public SystemRegister Register;
    public BarrierKind Barrier;
}
