using System.Collections.Generic;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Exploration;

/// <summary>
/// A reproducible schedule: the settings, the seed, every decision and what happened. Version 2 of the
/// "kaal-trace" format (version 1, written before the ARMv8 model, is read as sequentially consistent);
/// <see cref="TraceFile"/> reads and writes it as JSON and rejects anything else. Decisions are thread
/// numbers and alternatives of other choices (<see cref="Strategies.Decision"/>). <see cref="Parameters"/>: the
/// scenario's constructor parameters (<c>--param</c>, <see cref="Scenarios.ScenarioParameters.Format"/>), which replay
/// builds it with.
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
    string Message,
    MemoryModel MemoryModel = MemoryModel.Sc,
    int PromiseBudget = 0,
    string Faults = "",
    string Parameters = "")
{
    public const string FormatName = "kaal-trace";
    public const int FormatVersion = 2;

    /// <summary>The options the schedule ran with, which replay needs to ask the same questions.</summary>
    public SimOptions SimOptions => new(MaxSteps, CheckInvariants, MemoryModel, PromiseBudget, FaultSettings.Parse(Faults));
}
