using System;
using System.Collections.Generic;
using System.IO;
using Kaal.Cli.Commands;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;

namespace Kaal.Cli.Benchmarks;

/// <summary>
/// Whole systems in the explorer (`kaal bench sim`, issue 21): for the default system (components.toml) and the
/// test-components system (manifests/test-components.toml), with invariant checks off and on, with 1 and 2 workers:
/// decisions/s, schedules/s, the 2-worker scaling and the managed bytes allocated per schedule; the default system also
/// under swarm faults; and spsc-channel's decisions/s in the same run, the engine's anchor, for the ratio.
/// Printed as a table; each row is a warm-up and a timed run of random exploration under sequential consistency.
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

    public static int Run(int schedules, TextWriter output)
    {
        SimBenchmark.Throughput channel = SimBenchmark.MeasureThroughput(SimBenchmark.OneCoreChannel, schedules, 1, MemoryModel.Sc);
        output.WriteLine($"whole systems, {schedules} schedules per row (random, sc); spsc-channel in the same run: {channel.DecisionsPerSecond:N0} decisions/s, " +
            $"{channel.SchedulesPerSecond:N0} schedules/s, {channel.AllocatedBytesPerSchedule:N0} B/schedule");
        var rows = new List<Row>();
        string? root = Kaal.Hil.RepositoryLayout.FindRoot(Directory.GetCurrentDirectory());
        foreach ((string label, string manifest) in Systems)
        {
            if (root is null)
            {
                output.WriteLine($"{label}: skipped (no Kaal.sln in the current folder or above it: run inside the repository)");
                continue;
            }
            SystemScenario system = SystemScenario.FromText(File.ReadAllText(Path.Combine(root, manifest)), manifest, ComponentSources.BuiltInOnly.Components);
            foreach (bool invariants in new[] { false, true })
            {
                SimBenchmark.Throughput one = SimBenchmark.MeasureThroughput(system, schedules, 1, MemoryModel.Sc, checkInvariants: invariants);
                SimBenchmark.Throughput two = SimBenchmark.MeasureThroughput(system, schedules, 2, MemoryModel.Sc, checkInvariants: invariants);
                string checks = invariants ? "invariants" : "none";
                rows.Add(new Row(label, checks, 1, one, 1));
                rows.Add(new Row(label, checks, 2, two, two.SchedulesPerSecond / one.SchedulesPerSecond));
            }
            if (label == "default")
            {
                SimBenchmark.Throughput swarm = SimBenchmark.MeasureThroughput(system, schedules, 1, MemoryModel.Sc, FaultSettings.Parse("swarm"));
                rows.Add(new Row(label, "swarm faults", 1, swarm, 1));
            }
        }
        Print(rows, channel, output);
        return 0;
    }

    private static void Print(List<Row> rows, SimBenchmark.Throughput channel, TextWriter output)
    {
        output.WriteLine($"  {"system",-16} {"checks",-13} {"workers",7} {"decisions/s",12} {"schedules/s",12} {"scaling",8} {"B/schedule",12} {"channel/this",13}");
        foreach (Row row in rows)
        {
            output.WriteLine($"  {row.System,-16} {row.Checks,-13} {row.Workers,7} {row.Figures.DecisionsPerSecond,12:N0} {row.Figures.SchedulesPerSecond,12:N0} " +
                $"{row.Scaling,7:F2}x {row.Figures.AllocatedBytesPerSchedule,12:N0} {channel.DecisionsPerSecond / row.Figures.DecisionsPerSecond,12:F2}x");
        }
        output.WriteLine("  (scaling: schedules/s of 2 workers over 1; channel/this: spsc-channel's decisions/s, 1 worker, over the row's)");
    }
}
