using System;
using System.IO;
using Kaal.Cli.Commands;
using Kaal.Cli.Rendering;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;

namespace Kaal.Cli.Benchmarks;

/// <summary>
/// Whole systems in the explorer (`kaal bench sim`, issue 21): for the default system (components.toml) and the
/// test-components system (manifests/test-components.toml), with invariant checks off and on, with 1 and 2 workers:
/// decisions/s, schedules/s, the 2-worker scaling, the cores the process got, schedules per CPU-second and the managed
/// bytes allocated per schedule; the default system also under swarm faults; and spsc-channel's decisions/s in the same run, the engine's anchor, for the ratio.
/// One table; each row is a warm-up and a timed run of random exploration under sequential consistency.
/// </summary>
internal static class SystemBenchmark
{
    public sealed record Row(string System, string Checks, int Workers, SimBenchmark.Throughput Figures, double Scaling);

    /// <summary>The systems measured: (label, manifest path relative to the repository root). test-components includes
    /// test_fault, whose exit code 1 its manifest expects (exit_code).</summary>
    public static readonly (string Label, string Manifest)[] Systems =
    {
        ("default", "components.toml"),
        ("test-components", "manifests/test-components.toml"),
    };

    /// <summary>Measurements <see cref="Measure"/> makes: the channel, then per system 4 rows (+1 swarm for the default).</summary>
    public static int Measurements => 1 + Systems.Length * 4 + 1;

    public static FigureTable Measure(int schedules, BenchProgress progress)
    {
        progress.Next("spsc-channel");
        SimBenchmark.Throughput channel = SimBenchmark.MeasureThroughput(SimBenchmark.OneCoreChannel, schedules, 1, MemoryModel.Sc);
        FigureTable table = Table($"whole systems, {schedules} schedules per row (random, sc); spsc-channel in the same run: {channel.DecisionsPerSecond:N0} decisions/s, " +
            $"{channel.SchedulesPerSecond:N0} schedules/s, {channel.AllocatedBytesPerSchedule:N0} B/schedule");
        string? root = Kaal.Hil.RepositoryLayout.FindRoot(Directory.GetCurrentDirectory());
        foreach ((string label, string manifest) in Systems)
        {
            if (root is null)
            {
                table.Notes.Add($"{label}: skipped (no Kaal.sln in the current folder or above it: run inside the repository)");
                continue;
            }
            SystemScenario system = SystemScenario.FromText(File.ReadAllText(Path.Combine(root, manifest)), manifest, ComponentSources.BuiltInOnly.Components);
            foreach (bool invariants in new[] { false, true })
            {
                string checks = invariants ? "invariants" : "none";
                progress.Next($"{label}, {checks}, 1 worker");
                SimBenchmark.Throughput one = SimBenchmark.MeasureThroughput(system, schedules, 1, MemoryModel.Sc, checkInvariants: invariants);
                progress.Next($"{label}, {checks}, 2 workers");
                SimBenchmark.Throughput two = SimBenchmark.MeasureThroughput(system, schedules, 2, MemoryModel.Sc, checkInvariants: invariants);
                AddRow(table, new Row(label, checks, 1, one, 1), channel);
                AddRow(table, new Row(label, checks, 2, two, two.SchedulesPerSecond / one.SchedulesPerSecond), channel);
            }
            if (label == "default")
            {
                progress.Next($"{label}, swarm faults");
                SimBenchmark.Throughput swarm = SimBenchmark.MeasureThroughput(system, schedules, 1, MemoryModel.Sc, FaultSettings.Parse("swarm"));
                AddRow(table, new Row(label, "swarm faults", 1, swarm, 1), channel);
            }
        }
        table.Notes.Add("scaling: schedules/s of 2 workers over 1; cores used: the process's CPU time over the row's wall time (2 workers that got " +
            "about 1 core were not given a second one by the machine: their scaling is not the explorer's); sch/CPU-s: schedules per second of the process's CPU time, which the " +
            "machine's other jobs change much less (2 workers contending for anything shared would show a lower figure than 1); channel/this: spsc-channel's decisions/s, 1 worker, over the row's");
        return table;
    }

    private static FigureTable Table(string title) => new(title,
        new FigureColumn("system", "system", IsFigure: false), new FigureColumn("checks", "checks", IsFigure: false), new FigureColumn("workers", "workers"),
        new FigureColumn("decisionsPerSecond", "decisions/s"), new FigureColumn("schedulesPerSecond", "schedules/s"), new FigureColumn("scaling", "scaling"),
        new FigureColumn("coresUsed", "cores used"), new FigureColumn("schedulesPerCpuSecond", "sch/CPU-s"), new FigureColumn("bytesPerSchedule", "B/schedule"),
        new FigureColumn("channelOverThis", "channel/this"));

    private static void AddRow(FigureTable table, Row row, SimBenchmark.Throughput channel)
    {
        SimBenchmark.Throughput figures = row.Figures;
        double perCpuSecond = figures.CoresUsed > 0 ? figures.SchedulesPerSecond / figures.CoresUsed : 0;
        table.Add(row.System, row.Checks, FigureCell.Number(row.Workers), FigureCell.Number(figures.DecisionsPerSecond, "N0"),
            FigureCell.Number(figures.SchedulesPerSecond, "N0"), FigureCell.Number(row.Scaling, "F2", "x"), FigureCell.Number(figures.CoresUsed, "F2"),
            FigureCell.Number(perCpuSecond, "N0"), FigureCell.Number(figures.AllocatedBytesPerSchedule, "N0"),
            FigureCell.Number(channel.DecisionsPerSecond / figures.DecisionsPerSecond, "F2", "x"));
    }
}
