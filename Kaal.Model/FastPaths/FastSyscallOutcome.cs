namespace Kaal.Model;

/// <summary>What <see cref="Kernel.TryFastSyscall"/> did.</summary>
public enum FastSyscallOutcome
{
    /// <summary>No fast path applies; nothing changed, and <see cref="Kernel.HandleSlowSyscall"/> must handle the syscall.</summary>
    NotTaken = 0,
    /// <summary>Handled; the calling thread stays current on the core, and of all the threads' registers only
    /// its x0-x7 may have changed.</summary>
    CallerContinues = 1,
    /// <summary>Handled; another thread is now current on the core (the caller blocked or was preempted).</summary>
    Switched = 2,
}
