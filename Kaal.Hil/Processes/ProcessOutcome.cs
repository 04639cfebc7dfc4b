using System;

namespace Kaal.Hil.Processes;

/// <summary>The outcome of a bounded process run: its exit code (-1 when it did not exit by itself), whether its time
/// limit passed, its captured output (capped) and how long it ran.</summary>
public sealed record ProcessOutcome(int ExitCode, bool TimedOut, string Output, TimeSpan Elapsed)
{
    /// <summary>It was stopped because the caller's token was cancelled (an interrupt, a deadline of the caller's).</summary>
    public bool Stopped { get; init; }
}
