namespace Kaal.Sim.Runtime;

public enum SimThreadStatus : byte
{
    /// <summary>The component's code has not run yet; it starts when its thread first runs.</summary>
    NotStarted,
    /// <summary>Suspended at an await; the operation waits for the explorer to run it.</summary>
    PendingOperation,
    /// <summary>Its syscall blocked in the kernel; it resumes with the result when the kernel runs it again.</summary>
    InKernel,
    Finished,
    Failed,
    /// <summary>It faulted and the kernel sent the fault to its supervisor; it waits to be torn down.</summary>
    Faulted,
}
