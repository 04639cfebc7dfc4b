using Kaal.Sdk;

namespace Kaal.Sim.Devices;

/// <summary>
/// The EL1 physical timer (CNTP_*) against the simulation's clock: the condition is met once the counter reaches
/// the compare value; the interrupt is asserted while the timer is enabled, unmasked and its condition met.
/// </summary>
public sealed class GenericTimerModel(uint irq)
{
    /// <summary>One counter tick per microsecond; the clock advances one tick per step (and jumps when idle).</summary>
    public const ulong FrequencyHz = 1_000_000;
    private const ulong Enable = 1;
    private const ulong Mask = 2;
    private const ulong ConditionMet = 4;

    private ulong _control;
    private ulong _compare;

    public uint Irq { get; } = irq;

    public bool IsArmed => (_control & Enable) != 0 && (_control & Mask) == 0;

    public ulong Compare => _compare;

    public bool InterruptAsserted(ulong nowTicks) => IsArmed && nowTicks >= _compare;

    public void Reset()
    {
        _control = 0;
        _compare = 0;
    }

    public ulong Read(SystemRegister register, ulong nowTicks) => register switch
    {
        SystemRegister.CounterFrequency => FrequencyHz,
        SystemRegister.PhysicalCount => nowTicks,
        SystemRegister.TimerCompare => _compare,
        _ => _control | (nowTicks >= _compare ? ConditionMet : 0),
    };

    public void Write(SystemRegister register, ulong value)
    {
        if (register == SystemRegister.TimerCompare) _compare = value;
        else if (register == SystemRegister.TimerControl) _control = value & (Enable | Mask);
    }
}
