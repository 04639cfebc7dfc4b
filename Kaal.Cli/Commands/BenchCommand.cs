using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Threading.Tasks;
using Kaal.Cli.Benchmarks;
using Kaal.Cli.Rendering;
using Kaal.Model;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;

namespace Kaal.Cli.Commands;

/// <summary>`kaal bench model|sim|fairness|engines|qmp`: measure and print figures as tables (<see cref="BenchOutput"/>).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var iterations = new Option<long>("--iterations")
        {
            Description = "round trips (and signal-wait pairs) per timed round",
            DefaultValueFactory = _ => 2_000_000,
        }.AtLeast(10);
        var rounds = new Option<int>("--rounds")
        {
            Description = "timed rounds after a warm-up; the best is reported",
            DefaultValueFactory = _ => 5,
        }.AtLeast(1);
        // One option object on every subcommand: each parse sees only its own command's.
        var format = OutputFormat.Create();
        var model = new Command("model", "Call+ReplyRecv round trips/s and Signal+Wait pairs/s through the syscall dispatcher");
        model.Options.Add(iterations);
        model.Options.Add(rounds);
        model.SetAction(parse => BenchOutput.Run(parse.GetValue(format)!, "model", 2, progress => [MeasureModel(parse.GetValue(iterations), parse.GetValue(rounds), progress)]));
        var schedules = new Option<int>("--schedules") { Description = "schedules per throughput run", DefaultValueFactory = _ => 20_000 }.AtLeast(10);
        var seeds = new Option<int>("--seeds") { Description = "seeds per strategy for the bug hunt", DefaultValueFactory = _ => 50 }.AtLeast(1);
        var perSeed = new Option<int>("--schedules-per-seed") { Description = "schedules per seed in the bug hunt", DefaultValueFactory = _ => 200 }.AtLeast(1);
        var systemsOnly = new Option<bool>("--systems-only") { Description = "only the whole-system table (and spsc-channel in the same run, for the ratio)" };
        var sim = new Command("sim", "Simulator throughput (decisions/s, schedules/s, 2-worker speedup, ARMv8 model vs SC), whole systems (table), and bug-hunting power per strategy");
        sim.Options.Add(schedules);
        sim.Options.Add(seeds);
        sim.Options.Add(perSeed);
        sim.Options.Add(systemsOnly);
        sim.SetAction(parse => parse.GetValue(systemsOnly)
            ? BenchOutput.Run(parse.GetValue(format)!, "sim", SystemBenchmark.Measurements, progress => [SystemBenchmark.Measure(SystemSchedules(parse.GetValue(schedules)), progress)])
            : BenchOutput.Run(parse.GetValue(format)!, "sim", 4 + SystemBenchmark.Measurements + 2 * SimBenchmark.Strategies.Length,
                progress => MeasureSim(parse.GetValue(schedules), parse.GetValue(seeds), parse.GetValue(perSeed), progress)));
        var fairSeeds = new Option<int>("--seeds") { Description = "seeds per scenario and strategy", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var fairSchedules = new Option<int>("--schedules-per-seed") { Description = "schedules per seed", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var fairMaxSteps = new Option<int>("--max-steps") { Description = "per-schedule step limit (the fair phase starts at a tenth of it)", DefaultValueFactory = _ => 10_000 }.AtLeast(10, "the fair phase starts at a tenth of it");
        var fairness = new Command("fairness", "The default fair phase on vs off on every built-in scenario: schedules/s, decisions per schedule, bug and step-limit shares");
        fairness.Options.Add(fairSeeds);
        fairness.Options.Add(fairSchedules);
        fairness.Options.Add(fairMaxSteps);
        fairness.SetAction(parse => BenchOutput.Run(parse.GetValue(format)!, "fairness", FairnessBenchmark.Measurements,
            progress => [FairnessBenchmark.Measure(parse.GetValue(fairSeeds), parse.GetValue(fairSchedules), parse.GetValue(fairMaxSteps), progress)]));
        var engineSchedules = new Option<int>("--schedules") { Description = "schedules per throughput run (the default system gets a twentieth)", DefaultValueFactory = _ => 300 }.AtLeast(10);
        var engineSeeds = new Option<int>("--seeds") { Description = "seeds per strategy and engine for the bug hunt", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var enginePerSeed = new Option<int>("--schedules-per-seed") { Description = "schedules per seed in the bug hunt", DefaultValueFactory = _ => 50 }.AtLeast(1);
        var engines = new Command("engines", "KaaL's explorer vs Microsoft Coyote's TestingEngine on the same scenarios: schedules/s, decisions/s, hit share and time to first bug per strategy, with ratios");
        engines.Options.Add(engineSchedules);
        engines.Options.Add(engineSeeds);
        engines.Options.Add(enginePerSeed);
        engines.SetAction(parse => BenchOutput.Run(parse.GetValue(format)!, "engines", EngineBenchmark.Measurements,
            progress => EngineBenchmark.Measure(parse.GetValue(engineSchedules), parse.GetValue(engineSeeds), parse.GetValue(enginePerSeed), progress)));
        var commands = new Option<int>("--commands") { Description = "QMP commands per measurement", DefaultValueFactory = _ => 2000 }.AtLeast(100);
        var qmp = new Command("qmp", "QMP round trip against a real QEMU: median/p99 of query-status one at a time, and commands/s all in flight");
        qmp.Options.Add(commands);
        qmp.SetAction((parse, _) => BenchOutput.RunAsync(parse.GetValue(format)!, "qmp", 1, progress => MeasureQmpAsync(parse.GetValue(commands), progress)));
        foreach (Command subcommand in new[] { model, sim, fairness, engines, qmp })
        {
            subcommand.Options.Add(format);
        }
        var bench = new Command("bench", "Benchmarks that print their figures (tables; --format json: one document, docs/json.md)");
        bench.Subcommands.Add(model);
        bench.Subcommands.Add(sim);
        bench.Subcommands.Add(fairness);
        bench.Subcommands.Add(engines);
        bench.Subcommands.Add(qmp);
        return bench;
    }

    private static FigureTable MeasureModel(long iterations, int rounds, BenchProgress progress)
    {
        unsafe
        {
            KernelAssert.InstallPanicHook(&Panic);
        }
        var table = new FigureTable($"model, through the syscall dispatcher (best of {rounds} x {iterations:N0})",
            new FigureColumn("figure", "figure", IsFigure: false), new FigureColumn("millionsPerSecond", "M/s"), new FigureColumn("goal", "goal", IsFigure: false));
        progress.Next("Call+ReplyRecv");
        double roundTrips = new ModelBenchmark().CallReplyRecvRoundTripsPerSecond(iterations, rounds);
        table.Add("Call+ReplyRecv round trips", FigureCell.Number(roundTrips / 1e6, "F2"), ">= 5 M/s");
        progress.Next("Signal+Wait");
        double pairs = new ModelBenchmark().SignalWaitPairsPerSecond(iterations, rounds);
        table.Add("Signal+Wait pairs", FigureCell.Number(pairs / 1e6, "F2"), "");
        return table;
    }

    private static IReadOnlyList<FigureTable> MeasureSim(int schedules, int seeds, int perSeed, BenchProgress progress)
    {
        var throughput = new FigureTable($"explorer throughput, {schedules} schedules per row (random)",
            new FigureColumn("scenario", "scenario", IsFigure: false), new FigureColumn("workers", "workers"), new FigureColumn("memoryModel", "memory model", IsFigure: false),
            new FigureColumn("decisionsPerSecond", "decisions/s"), new FigureColumn("schedulesPerSecond", "schedules/s"),
            new FigureColumn("infeasibleShare", "infeasible"), new FigureColumn("ratio", "ratio"));
        progress.Next("spsc-channel, 1 worker");
        SimBenchmark.Throughput one = SimBenchmark.MeasureThroughput(SimBenchmark.OneCoreChannel, schedules, 1, MemoryModel.Sc);
        progress.Next("spsc-channel, 2 workers");
        SimBenchmark.Throughput two = SimBenchmark.MeasureThroughput(SimBenchmark.OneCoreChannel, schedules, 2, MemoryModel.Sc);
        progress.Next("spsc-channel-smp, sc");
        SimBenchmark.Throughput sc = SimBenchmark.MeasureThroughput(SimBenchmark.TwoCoreChannel, schedules, 1, MemoryModel.Sc);
        progress.Next("spsc-channel-smp, arm");
        SimBenchmark.Throughput arm = SimBenchmark.MeasureThroughput(SimBenchmark.TwoCoreChannel, schedules, 1, MemoryModel.Arm);
        AddThroughput(throughput, "spsc-channel", 1, "sc", one, FigureCell.Number(1, "F2", "x"));
        AddThroughput(throughput, "spsc-channel", 2, "sc", two, FigureCell.Number(two.SchedulesPerSecond / one.SchedulesPerSecond, "F2", "x"));
        AddThroughput(throughput, "spsc-channel-smp (two cores)", 1, "sc", sc, FigureCell.Number(1, "F2", "x"));
        AddThroughput(throughput, "spsc-channel-smp (two cores)", 1, "arm", arm, FigureCell.Number(sc.SchedulesPerSecond / arm.SchedulesPerSecond, "F2", "x"));
        throughput.Notes.Add("ratio: 2 workers' schedules/s over 1 worker's (the speedup); sc's schedules/s over arm's (goal <= 3x); " +
            $"sc/arm decisions/s: {sc.DecisionsPerSecond / arm.DecisionsPerSecond:F2}x");
        return [throughput, SystemBenchmark.Measure(SystemSchedules(schedules), progress),
            Hunt("spsc-channel-stale-full", SimBenchmark.StaleFull, seeds, perSeed, progress),
            Hunt("spsc-channel-missing-release-smp (arm)", SimBenchmark.MissingRelease, seeds, perSeed, progress)];
    }

    private static void AddThroughput(FigureTable table, string scenario, int workers, string memoryModel, SimBenchmark.Throughput figures, FigureCell ratio) =>
        table.Add(scenario, FigureCell.Number(workers), memoryModel, FigureCell.Number(figures.DecisionsPerSecond, "N0"), FigureCell.Number(figures.SchedulesPerSecond, "N0"),
            FigureCell.Number(figures.InfeasibleShare, "P1"), ratio);

    /// <summary>A whole-system schedule is about 900 decisions, a channel schedule about 45: a twentieth as many.</summary>
    private static int SystemSchedules(int schedules) => Math.Max(10, schedules / 20);

    private static FigureTable Hunt(string title, SimScenario scenario, int seeds, int perSeed, BenchProgress progress)
    {
        FigureTable table = BugHuntTable.Create($"{title} over {seeds} seeds x {perSeed} schedules");
        foreach (string strategy in SimBenchmark.Strategies)
        {
            progress.Next($"{title}, {strategy}");
            BugHuntTable.Add(table, "kaal", SimBenchmark.HuntBug(scenario, strategy, seeds, perSeed));
        }
        return table;
    }

    private static async Task<IReadOnlyList<FigureTable>> MeasureQmpAsync(int commands, BenchProgress progress)
    {
        progress.Next("QMP round trips against QEMU");
        QmpBenchmark.Figures figures = await QmpBenchmark.MeasureAsync(commands);
        var table = new FigureTable($"QMP (query-status, QEMU {figures.Version}, {commands} commands per measurement)",
            new FigureColumn("medianMicroseconds", "median us"), new FigureColumn("p99Microseconds", "p99 us"), new FigureColumn("meanMicroseconds", "mean us"),
            new FigureColumn("pipelinedCommandsPerSecond", "pipelined commands/s"));
        table.Add(FigureCell.Number(figures.MedianMicroseconds, "F0"), FigureCell.Number(figures.P99Microseconds, "F0"), FigureCell.Number(figures.MeanMicroseconds, "F0"),
            FigureCell.Number(figures.PipelinedCommandsPerSecond, "N0"));
        table.Notes.Add("median, p99 and mean: one command at a time; pipelined: all in flight at once");
        return [table];
    }

    private static void Panic(AssertionSite site, ulong detail) =>
        throw new InvalidOperationException($"kernel assertion failed: {site} (detail {detail})");
}
