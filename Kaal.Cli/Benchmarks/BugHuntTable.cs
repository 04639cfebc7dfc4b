using Kaal.Cli.Rendering;

namespace Kaal.Cli.Benchmarks;

/// <summary>The bug-hunt table of `kaal bench sim` and `kaal bench engines`: per strategy and engine, the share of
/// schedules that hit the bug, the medians to the first one and the seeds that found none.</summary>
internal static class BugHuntTable
{
    public static FigureTable Create(string title) => new(title,
        new FigureColumn("strategy", "strategy", IsFigure: false), new FigureColumn("engine", "engine", IsFigure: false),
        new FigureColumn("hitShare", "hit share"), new FigureColumn("medianSchedulesToFirstBug", "median schedules to 1st bug"),
        new FigureColumn("medianMillisecondsToFirstBug", "median ms to 1st bug"), new FigureColumn("seedsWithoutBug", "seeds w/o bug"));

    public static void Add(FigureTable table, string engine, SimBenchmark.BugHunt hunt) => table.Add(hunt.Strategy, engine,
        FigureCell.Number(hunt.HitShare, "P1"), FigureCell.Number(hunt.MedianSchedulesToFirstBug, "F1"),
        FigureCell.Number(hunt.MedianMillisecondsToFirstBug, "F2"), FigureCell.Number(hunt.SeedsWithoutBug));

    /// <summary>Coyote's figure over KaaL's per column (null where either is missing).</summary>
    public static void AddRatio(FigureTable table, string strategy, SimBenchmark.BugHunt coyote, SimBenchmark.BugHunt kaal) => table.Add(strategy, "coyote/kaal",
        Ratio(coyote.HitShare, kaal.HitShare), Ratio(coyote.MedianSchedulesToFirstBug, kaal.MedianSchedulesToFirstBug),
        Ratio(coyote.MedianMillisecondsToFirstBug, kaal.MedianMillisecondsToFirstBug), new FigureCell("", null));

    private static FigureCell Ratio(double numerator, double denominator) =>
        denominator > 0 ? FigureCell.Number(numerator / denominator, "F2", "x") : new FigureCell("-", null);
}
