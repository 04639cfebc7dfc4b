namespace Kaal.Hil.Suites;

/// <summary>How a suite run ended, from best to worst for the reader of a report.</summary>
public enum SuiteOutcome
{
    /// <summary>The summary said passed, every test passed, the exit code agreed, every expected line came.</summary>
    Passed,
    /// <summary>At least one test failed, the summary said so, an expected line was missing, or the exit code disagreed.</summary>
    Failed,
    /// <summary>The kernel printed its panic header (the report carries what followed: the registers).</summary>
    Panic,
    /// <summary>No progress within the test timeout, or the suite timeout ran out (the report carries the CPU's registers).</summary>
    Hang,
    /// <summary>QEMU ended before the suite did: it crashed, was killed, or the guest exited early (exit code and last lines).</summary>
    Crash,
    /// <summary>The harness could not run the suite: the serial line closed, the reset command failed.</summary>
    Error,
    /// <summary>Stopped from outside (SIGINT/SIGTERM: the run's token was cancelled): what ran is reported, the running
    /// test is marked interrupted.</summary>
    Interrupted,
}
