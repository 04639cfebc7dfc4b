using System;
using Kaal.Cli.Rendering;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>What `kaal explore` says after the schedules ran: the totals, what a systematic search covered, the
/// schedules nothing checked to their end, and the verdict with its exit code.</summary>
internal static class ExploreSummary
{
    public static void PrintTotals(ExploreResult result, ExploreSettings settings)
    {
        Totals(result).Write(Terminal.Out);
        if (result.Coverage is not null) Console.WriteLine($"coverage: {result.Coverage}");
        if (result.HotSteps > 0 && result.Decisions > 0)
        {
            Console.WriteLine($"liveness: a monitor was hot for {result.HotSteps} steps ({100.0 * result.HotSteps / result.Decisions:F1} % of decisions); each hot step records a state fingerprint (about 10x a plain step)");
        }
        if (StepLimit(result, settings) is string stepLimit) Console.WriteLine(stepLimit);
    }

    /// <summary>The totals as a one-row table (the time budget and ARMv8 discards in its title when they apply).</summary>
    private static FigureTable Totals(ExploreResult result)
    {
        string title = "explored" + (result.InfeasibleSchedules > 0 ? $", {result.InfeasibleSchedules} schedules discarded as not ARMv8 executions" : "")
            + (result.TimeBudgetHit ? ", time budget reached" : "");
        var table = new FigureTable(title, new FigureColumn("schedules", "schedules"), new FigureColumn("decisions", "decisions"),
            new FigureColumn("schedulesPerSecond", "schedules/s"), new FigureColumn("decisionsPerSecond", "decisions/s"), new FigureColumn("seconds", "seconds"),
            new FigureColumn("buggySchedules", "buggy schedules"));
        return table.Add(FigureCell.Number(result.Schedules), FigureCell.Number(result.Decisions), FigureCell.Number(result.SchedulesPerSecond, "F0"),
            FigureCell.Number(result.DecisionsPerSecond, "F0"), FigureCell.Number(result.ElapsedSeconds, "F2"), FigureCell.Number(result.BuggySchedules));
    }

    /// <summary>The schedules the step limit cut short, null when every schedule ran to its end.</summary>
    public static string? StepLimit(ExploreResult result, ExploreSettings settings) => result.StepLimitSchedules == 0 ? null :
        $"step limit: {result.StepLimitSchedules} of {result.Schedules} schedules reached --max-steps {settings.MaxSteps} without an end; nothing after that point of them was checked";

    /// <summary>The verdict line of an exploration that found no bug: passed only when every schedule was checked to its end.</summary>
    public static string NoBugVerdict(ExploreResult result, ExploreSettings settings) => result.StepLimitSchedules == 0 ? Verdict.NoBug(result.Schedules) :
        Verdict.Prefix + $"not passed: {result.StepLimitSchedules} of {result.Schedules} schedules reached the step limit ({settings.MaxSteps}) unchecked";

    /// <summary>"no bug found" only when every schedule was checked to its end (exit 0); otherwise what was not, and
    /// exit 2: the explorer could not do its job for those schedules.</summary>
    public static int NoBug(ExploreResult result, ExploreSettings settings)
    {
        if (result.StepLimitSchedules == 0)
        {
            Console.WriteLine("no bug found");
            VerdictText.Write(NoBugVerdict(result, settings), passed: true);
            return 0;
        }
        int ended = result.Schedules - result.StepLimitSchedules;
        Console.WriteLine($"NOT PASSED: no bug in the {ended} schedule(s) that ended, but {result.StepLimitSchedules} never ended within {settings.MaxSteps} steps. " +
            "A component that loops for ever (a spinning wait) keeps a schedule from ending: fix it, or raise --max-steps if the runs are just long, " +
            "mark a component that serves for ever as a daemon (WorldBuilder.AddDaemon), or declare SimScenario.EndlessRunIsBug to report such a run as a bug" +
            (settings.Fair ? "" : "; --no-fair lets a strategy starve a thread, which also keeps runs from ending"));
        VerdictText.Write(NoBugVerdict(result, settings), passed: false);
        return 2;
    }
}
