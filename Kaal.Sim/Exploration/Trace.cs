using System.Collections.Generic;

namespace Kaal.Sim.Exploration;

/// <summary>
/// A reproducible schedule: the settings, the seed, every decision and what happened. Version 1 of the
/// "kaal-trace" format; <see cref="TraceFile"/> reads and writes it as JSON and rejects anything else.
/// </summary>
public sealed record Trace(
    string Scenario,
    string Strategy,
    ulong Seed,
    int Iteration,
    ulong ScheduleSeed,
    int MaxSteps,
    bool CheckInvariants,
    IReadOnlyList<uint> Decisions,
    string Outcome,
    string Message)
{
    public const string FormatName = "kaal-trace";
    public const int FormatVersion = 1;
}
