using System.Collections.Generic;
using System.Linq;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Timelines;

/// <summary>
/// What a timeline page shows: a replayed schedule's steps as events in one lane per thread, its outcome, and
/// the step the page opens at and highlights (<see cref="CauseStep"/>: the cause of a failure, where an assertion
/// failed, a liveness monitor went hot, a deadlock formed; -1 when the run passed) and the verdict.
/// </summary>
public sealed record Timeline(string Title, IReadOnlyList<string> Details, string Outcome, bool IsBug, string Message, string Report,
    int Steps, IReadOnlyList<string> Lanes, IReadOnlyList<SimEvent> Events, int CauseStep = -1, string Verdict = "")
{
    /// <summary>The timeline of <paramref name="simulation"/>'s last run (made with keepStepLog), the replay of
    /// <paramref name="trace"/>.</summary>
    public static Timeline Of(Trace trace, Simulation simulation, RunResult result) => new(
        $"{trace.Scenario}: {result.Outcome}",
        [
            $"schedule {trace.Iteration} of seed {trace.Seed}, strategy {trace.Strategy}, memory model {MemoryModels.Name(trace.MemoryModel)}",
            $"{result.Steps} steps, {trace.Decisions.Count} decisions",
        ],
        result.Outcome.ToString(), result.IsBug, result.Message, result.Report, result.Steps,
        simulation.Threads.Select(thread => thread.Name).ToArray(), simulation.Events, result.IsBug ? result.CauseStep : -1, Runtime.Verdict.Line(result));
}
