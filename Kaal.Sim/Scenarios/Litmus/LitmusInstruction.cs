using Kaal.Sdk;

namespace Kaal.Sim.Scenarios.Litmus;

public enum LitmusOp : byte
{
    Load,
    Store,
    Barrier,
}

/// <summary>
/// One instruction of a litmus thread: a load of a location into a register, a store of a constant (or of a
/// register: a data dependency; or only if a register holds 1: a control dependency), or a barrier. Locations
/// are shared words numbered 0 (x), 1 (y), ...; registers are numbered across the whole test (r0, r1, ...).
/// </summary>
public sealed record LitmusInstruction(LitmusOp Op, int Location = 0, ulong Value = 0, MemoryOrder Order = MemoryOrder.Plain,
    int Register = -1, BarrierKind Barrier = BarrierKind.Full, int ValueRegister = -1, int ConditionRegister = -1)
{
    public static LitmusInstruction St(int location, ulong value, MemoryOrder order = MemoryOrder.Plain) => new(LitmusOp.Store, location, value, order);

    /// <summary>Stores the value of <paramref name="register"/> (a data dependency on the load that wrote it).</summary>
    public static LitmusInstruction StData(int location, int register) => new(LitmusOp.Store, location, ValueRegister: register);

    /// <summary>Stores <paramref name="value"/> only if <paramref name="register"/> is 1 (a control dependency).</summary>
    public static LitmusInstruction StIf(int register, int location, ulong value) => new(LitmusOp.Store, location, value, ConditionRegister: register);

    public static LitmusInstruction Ld(int register, int location, MemoryOrder order = MemoryOrder.Plain) => new(LitmusOp.Load, location, Order: order, Register: register);

    public static LitmusInstruction Dmb(BarrierKind kind = BarrierKind.Full) => new(LitmusOp.Barrier, Barrier: kind);

    public override string ToString()
    {
        string location = LitmusTest.LocationName(Location);
        string order = Order switch { MemoryOrder.Acquire => ".acq", MemoryOrder.Release => ".rel", _ => "" };
        return Op switch
        {
            LitmusOp.Load => $"r{Register} = ld{order} {location}",
            LitmusOp.Barrier => Barrier switch { BarrierKind.Loads => "dmb ishld", BarrierKind.Stores => "dmb ishst", _ => "dmb ish" },
            _ when ConditionRegister >= 0 => $"if r{ConditionRegister} == 1: st {location} = {Value}",
            _ when ValueRegister >= 0 => $"st {location} = r{ValueRegister}",
            _ => $"st{order} {location} = {Value}",
        };
    }
}
