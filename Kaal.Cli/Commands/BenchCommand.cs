using System;
using System.CommandLine;
using Kaal.Cli.Benchmarks;
using Kaal.Model;

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
        };
        var rounds = new Option<int>("--rounds")
        {
            Description = "timed rounds after a warm-up; the best is reported",
            DefaultValueFactory = _ => 5,
        };
        var model = new Command("model", "Call+ReplyRecv round trips/s and Signal+Wait pairs/s through the syscall dispatcher");
        model.Options.Add(iterations);
        model.Options.Add(rounds);
        model.SetAction(parse => Run(parse.GetValue(iterations), parse.GetValue(rounds)));
        var bench = new Command("bench", "Benchmarks that print their figures");
        bench.Subcommands.Add(model);
        return bench;
    }

    private static int Run(long iterations, int rounds)
    {
        if (iterations < 10 || rounds < 1)
        {
            Console.Error.WriteLine($"error: --iterations must be at least 10 (got {iterations}) and --rounds at least 1 (got {rounds})");
            return 2;
        }
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

    private static void Panic(AssertionSite site, ulong detail) =>
        throw new InvalidOperationException($"kernel assertion failed: {site} (detail {detail})");
}
