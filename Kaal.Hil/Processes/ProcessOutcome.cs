using System;

namespace Kaal.Hil.Processes;

/// <summary>The outcome of a process run with a hard time limit.</summary>
public sealed record ProcessOutcome(int ExitCode, bool TimedOut, string Output, TimeSpan Elapsed);
