using System;

namespace Kaal.Sim.Faults;

/// <summary>The faults the simulator can inject (docs/faults.md).</summary>
[Flags]
public enum FaultKinds
{
    None = 0,
    /// <summary>A supervised thread crashes (a data abort at address 0) instead of its next operation.</summary>
    Crash = 1,
    /// <summary>An interrupt the device asserts is held back for a step (level lines assert again).</summary>
    DelayInterrupt = 2,
    /// <summary>An interrupt is delivered twice.</summary>
    DuplicateInterrupt = 4,
    /// <summary>The timer fires late.</summary>
    TimerJitter = 8,
    /// <summary>A retype (MEMORY_ALLOCATE, PROCESS_CREATE, ENDPOINT_CREATE, NOTIFICATION_CREATE, RETYPE) fails with NotEnoughMemory.</summary>
    RetypeExhaustion = 16,
}
