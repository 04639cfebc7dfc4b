using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Sim.Runtime;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Scenarios.Litmus;

/// <summary>
/// Runs a litmus test exhaustively: DFS over every thread choice and every memory-model alternative (which
/// write each load reads, whether and what a thread promises), collecting the outcome of every run that is an
/// execution of the model (infeasible runs, whose promise failed, are discarded). Two promises per run are
/// allowed, so each thread of a two-thread test may make one.
/// </summary>
public static class LitmusRunner
{
    public const int PromiseBudget = 2;
    private const int MaxSchedules = 200_000;

    public static LitmusResult Explore(LitmusTest test, MemoryModel memoryModel)
    {
        var scenario = new LitmusScenario(test);
        var simulation = new Simulation(scenario, new SimOptions(MaxSteps: 1_000, CheckInvariants: false, memoryModel, PromiseBudget));
        var dfs = new DfsStrategy(maxDepth: 10_000);
        var outcomes = new SortedSet<string>(StringComparer.Ordinal);
        int schedules = 0, infeasible = 0;
        for (int iteration = 0; iteration < MaxSchedules && dfs.BeginSchedule(iteration, 0); iteration++)
        {
            RunResult result = simulation.Run(dfs);
            schedules++;
            if (result.Outcome == RunOutcome.Infeasible)
            {
                infeasible++;
                continue;
            }
            if (result.Outcome != RunOutcome.Passed)
            {
                throw new SimulationException($"litmus {test.Name}: a run ended {result.Outcome}: {result.Message}");
            }
            outcomes.Add(scenario.Outcome(simulation));
        }
        return new LitmusResult(test, memoryModel, outcomes.ToArray(), schedules, infeasible, dfs.Exhausted && !dfs.HitDepthBound);
    }
}
