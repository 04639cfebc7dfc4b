namespace Kaal.Sdk;

/// <summary>
/// The system registers a component may touch from EL0: the EL1 physical timer, which the kernel opens to
/// user space (CNTKCTL_EL1.EL0PTEN) so that timer_driver can own it while the kernel keeps the virtual timer
/// for its tick. Numbers are the AArch64 encodings' names, not their values.
/// </summary>
public enum SystemRegister : byte
{
    /// <summary>CNTFRQ_EL0: counter ticks per second.</summary>
    CounterFrequency,
    /// <summary>CNTPCT_EL0: the physical counter.</summary>
    PhysicalCount,
    /// <summary>CNTP_CVAL_EL0: the counter value at which the timer condition becomes true.</summary>
    TimerCompare,
    /// <summary>CNTP_CTL_EL0: bit 0 enable, bit 1 mask the interrupt, bit 2 (read only) condition met.</summary>
    TimerControl,
}
