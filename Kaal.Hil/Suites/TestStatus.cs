namespace Kaal.Hil.Suites;

/// <summary>The verdict on one test of a suite.</summary>
public enum TestStatus
{
    Passed,
    Failed,
    /// <summary>It was running when the suite hung.</summary>
    Hung,
    /// <summary>It was running when the kernel panicked.</summary>
    Panicked,
    /// <summary>It was running when QEMU ended.</summary>
    Crashed,
    /// <summary>A guest reset cut it short; the system booted again (see the suite's resets).</summary>
    Interrupted,
}
