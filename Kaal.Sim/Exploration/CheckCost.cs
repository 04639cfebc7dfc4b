using System.Collections.Generic;
using System.Diagnostics;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Exploration;

/// <summary>
/// What the checks an exploration runs cost, so that a user sees it where they look (the first line and the summary
/// of `kaal explore`): which checks are on, and the measured slowdown of the kernel invariant checkers, the costly
/// default (5-17x on the built-in scenarios). Measured on the scenario's no-preemption schedule, run alternately with
/// and without the checkers (after one warm-up run each, at least 3 runs each and about 50 ms of wall time); the figure
/// is reported only, nothing depends on it, and on a loaded machine it is as noisy as any timing.
/// </summary>
public static class CheckCost
{
    private const double MeasureSeconds = 0.05;
    private const int MinRuns = 3;
    private const int MaxRuns = 200;

    /// <summary>The checks <paramref name="settings"/> turns on, as a phrase per check.</summary>
    public static IReadOnlyList<string> ChecksOn(ExploreSettings settings)
    {
        var checks = new List<string>();
        if (settings.CheckInvariants) checks.Add("kernel invariants after every step (--no-invariants: off)");
        if (settings.CheckDeterminism) checks.Add("determinism (every schedule replayed and compared: about 2x)");
        checks.Add("liveness monitors while one is hot (about 10x per hot step)");
        return checks;
    }

    /// <summary>How many times longer a schedule takes with the kernel invariant checkers than without.</summary>
    public static double InvariantSlowdown(SimScenario scenario, ExploreSettings settings)
    {
        var with = new Simulation(scenario, settings.ToSimOptions(checkInvariants: true));
        var without = new Simulation(scenario, settings.ToSimOptions(checkInvariants: false));
        Time(with);
        Time(without);
        double withSeconds = 0, withoutSeconds = 0;
        for (int run = 0; run < MaxRuns && (run < MinRuns || withSeconds + withoutSeconds < MeasureSeconds); run++)
        {
            withSeconds += Time(with);
            withoutSeconds += Time(without);
        }
        return withoutSeconds > 0 ? withSeconds / withoutSeconds : 1;
    }

    private static double Time(Simulation simulation)
    {
        var strategy = new DelayBoundingStrategy(maxDelays: 0, lengthEstimateSteps: 1);
        strategy.BeginSchedule(0, 0);
        long start = Stopwatch.GetTimestamp();
        simulation.Run(strategy);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
