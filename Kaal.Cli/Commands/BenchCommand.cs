using System;
using System.CommandLine;
using System.Threading.Tasks;
using Kaal.Cli.Benchmarks;
using Kaal.Model;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;

namespace Kaal.Cli.Commands;

/// <summary>`kaal bench model`: prints host-side IPC throughput of the Model through the dispatcher.</summary>
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
        var model = new Command("model", "Call+ReplyRecv round trips/s and Signal+Wait pairs/s through the syscall dispatcher");
        model.Options.Add(iterations);
        model.Options.Add(rounds);
        model.SetAction(parse => Run(parse.GetValue(iterations), parse.GetValue(rounds)));
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
            ? SystemBenchmark.Run(SystemSchedules(parse.GetValue(schedules)), Console.Out)
            : RunSim(parse.GetValue(schedules), parse.GetValue(seeds), parse.GetValue(perSeed)));
        var fairSeeds = new Option<int>("--seeds") { Description = "seeds per scenario and strategy", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var fairSchedules = new Option<int>("--schedules-per-seed") { Description = "schedules per seed", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var fairMaxSteps = new Option<int>("--max-steps") { Description = "per-schedule step limit (the fair phase starts at a tenth of it)", DefaultValueFactory = _ => 10_000 }.AtLeast(10, "the fair phase starts at a tenth of it");
        var fairness = new Command("fairness", "The default fair phase on vs off on every built-in scenario: schedules/s, decisions per schedule, bug and step-limit shares");
        fairness.Options.Add(fairSeeds);
        fairness.Options.Add(fairSchedules);
        fairness.Options.Add(fairMaxSteps);
        fairness.SetAction(parse => FairnessBenchmark.Run(parse.GetValue(fairSeeds), parse.GetValue(fairSchedules), parse.GetValue(fairMaxSteps)));
        var engineSchedules = new Option<int>("--schedules") { Description = "schedules per throughput run (the default system gets a twentieth)", DefaultValueFactory = _ => 300 }.AtLeast(10);
        var engineSeeds = new Option<int>("--seeds") { Description = "seeds per strategy and engine for the bug hunt", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var enginePerSeed = new Option<int>("--schedules-per-seed") { Description = "schedules per seed in the bug hunt", DefaultValueFactory = _ => 50 }.AtLeast(1);
        var engines = new Command("engines", "KaaL's explorer vs Microsoft Coyote's TestingEngine on the same scenarios: schedules/s, decisions/s, hit share and time to first bug per strategy, with ratios");
        engines.Options.Add(engineSchedules);
        engines.Options.Add(engineSeeds);
        engines.Options.Add(enginePerSeed);
        engines.SetAction(parse => EngineBenchmark.Run(parse.GetValue(engineSchedules), parse.GetValue(engineSeeds), parse.GetValue(enginePerSeed)));
        var commands = new Option<int>("--commands") { Description = "QMP commands per measurement", DefaultValueFactory = _ => 2000 }.AtLeast(100);
        var qmp = new Command("qmp", "QMP round trip against a real QEMU: median/p99 of query-status one at a time, and commands/s all in flight");
        qmp.Options.Add(commands);
        qmp.SetAction((parse, _) => RunQmpAsync(parse.GetValue(commands)));
        var bench = new Command("bench", "Benchmarks that print their figures");
        bench.Subcommands.Add(model);
        bench.Subcommands.Add(sim);
        bench.Subcommands.Add(fairness);
        bench.Subcommands.Add(engines);
        bench.Subcommands.Add(qmp);
        return bench;
    }

    private static int Run(long iterations, int rounds)
    {
        unsafe
        {
            KernelAssert.InstallPanicHook(&Panic);
        }
        double roundTrips = new ModelBenchmark().CallReplyRecvRoundTripsPerSecond(iterations, rounds);
        Console.WriteLine($"model Call+ReplyRecv round trips: {roundTrips / 1e6:F2} M/s (best of {rounds} x {iterations:N0}; goal >= 5 M/s)");
        double pairs = new ModelBenchmark().SignalWaitPairsPerSecond(iterations, rounds);
        Console.WriteLine($"model Signal+Wait pairs:          {pairs / 1e6:F2} M/s (best of {rounds} x {iterations:N0})");
        return 0;
    }

    private static int RunSim(int schedules, int seeds, int perSeed)
    {
        SimBenchmark.Throughput one = SimBenchmark.MeasureThroughput(SimBenchmark.OneCoreChannel, schedules, 1, MemoryModel.Sc);
        SimBenchmark.Throughput two = SimBenchmark.MeasureThroughput(SimBenchmark.OneCoreChannel, schedules, 2, MemoryModel.Sc);
        Console.WriteLine($"spsc-channel, 1 worker:  {one.DecisionsPerSecond:N0} decisions/s, {one.SchedulesPerSecond:N0} schedules/s");
        Console.WriteLine($"spsc-channel, 2 workers: {two.DecisionsPerSecond:N0} decisions/s, {two.SchedulesPerSecond:N0} schedules/s (speedup {two.SchedulesPerSecond / one.SchedulesPerSecond:F2}x)");
        SimBenchmark.Throughput sc = SimBenchmark.MeasureThroughput(SimBenchmark.TwoCoreChannel, schedules, 1, MemoryModel.Sc);
        SimBenchmark.Throughput arm = SimBenchmark.MeasureThroughput(SimBenchmark.TwoCoreChannel, schedules, 1, MemoryModel.Arm);
        Console.WriteLine($"spsc-channel-smp (two cores), 1 worker, sc:  {sc.DecisionsPerSecond:N0} decisions/s, {sc.SchedulesPerSecond:N0} schedules/s");
        Console.WriteLine($"spsc-channel-smp (two cores), 1 worker, arm: {arm.DecisionsPerSecond:N0} decisions/s, {arm.SchedulesPerSecond:N0} schedules/s, " +
            $"{arm.InfeasibleShare:P1} discarded as infeasible (sc/arm: {sc.DecisionsPerSecond / arm.DecisionsPerSecond:F2}x decisions/s, {sc.SchedulesPerSecond / arm.SchedulesPerSecond:F2}x schedules/s; goal <= 3x)");
        SystemBenchmark.Run(SystemSchedules(schedules), Console.Out);
        Hunt("spsc-channel-stale-full", SimBenchmark.StaleFull, seeds, perSeed);
        Hunt("spsc-channel-missing-release-smp (arm)", SimBenchmark.MissingRelease, seeds, perSeed);
        return 0;
    }

    /// <summary>A whole-system schedule is about 900 decisions, a channel schedule about 45: a twentieth as many.</summary>
    private static int SystemSchedules(int schedules) => Math.Max(10, schedules / 20);

    private static void Hunt(string title, Kaal.Sim.Scenarios.SimScenario scenario, int seeds, int perSeed)
    {
        Console.WriteLine($"{title} over {seeds} seeds x {perSeed} schedules:");
        Console.WriteLine($"  {"strategy",-18} {"hit share",10} {"median schedules to 1st bug",28} {"median ms to 1st bug",21} {"seeds w/o bug",14}");
        foreach (string strategy in SimBenchmark.Strategies)
        {
            SimBenchmark.BugHunt hunt = SimBenchmark.HuntBug(scenario, strategy, seeds, perSeed);
            Console.WriteLine($"  {hunt.Strategy,-18} {hunt.HitShare,10:P1} {hunt.MedianSchedulesToFirstBug,28:F1} {hunt.MedianMillisecondsToFirstBug,21:F2} {hunt.SeedsWithoutBug,14}");
        }
    }

    private static async Task<int> RunQmpAsync(int commands)
    {
        QmpBenchmark.Figures figures = await QmpBenchmark.MeasureAsync(commands);
        Console.WriteLine($"QMP round trip (query-status, one at a time, QEMU {figures.Version}): median {figures.MedianMicroseconds:F0} us, p99 {figures.P99Microseconds:F0} us, mean {figures.MeanMicroseconds:F0} us over {commands}");
        Console.WriteLine($"QMP pipelined ({commands} in flight): {figures.PipelinedCommandsPerSecond:N0} commands/s");
        return 0;
    }

    private static void Panic(AssertionSite site, ulong detail) =>
        throw new InvalidOperationException($"kernel assertion failed: {site} (detail {detail})");
}
