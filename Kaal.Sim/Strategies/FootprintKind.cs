namespace Kaal.Sim.Strategies;

/// <summary>What an enabled thread's next step touches, as far as commuting it with another step goes.</summary>
public enum FootprintKind : byte
{
    /// <summary>Starting or resuming the component's own code up to its next await: reads only the thread's
    /// own registers and C# state (a result the kernel already wrote), so no other thread can observe it.</summary>
    Local = 0,
    /// <summary>A load of one word of shared memory at <see cref="Footprint.PhysAddr"/>.</summary>
    Read = 1,
    /// <summary>A store of one word of shared memory at <see cref="Footprint.PhysAddr"/>.</summary>
    Write = 2,
    /// <summary>A syscall, or an access that will fault: it may change any kernel state (wake, block, suspend,
    /// remap), so it is treated as conflicting with every other step.</summary>
    Global = 3,
}
