using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Kaal.Hil.Qemu;
using Kaal.Hil.Qmp;

namespace Kaal.Cli.Benchmarks;

/// <summary>QMP command round trips against a real QEMU (virt, paused, no image: only the monitor is measured):
/// one command at a time (latency) and all in flight at once (throughput through id correlation).</summary>
internal static class QmpBenchmark
{
    private const int WarmUpCommands = 50;

    public sealed record Figures(double MedianMicroseconds, double P99Microseconds, double MeanMicroseconds, double PipelinedCommandsPerSecond, QmpVersion Version);

    public static async Task<Figures> MeasureAsync(int commands)
    {
        await using QemuSession session = await QemuSession.StartAsync(new QemuLaunchOptions { Target = QemuTarget.Virt(), StartPaused = true, Semihosting = false });
        QmpClient qmp = session.Qmp!;
        for (int index = 0; index < WarmUpCommands; index++)
        {
            await qmp.QueryStatusAsync();
        }
        double[] microseconds = new double[commands];
        for (int index = 0; index < commands; index++)
        {
            long start = Stopwatch.GetTimestamp();
            await qmp.QueryStatusAsync();
            microseconds[index] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(microseconds);
        var pipelined = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, commands).Select(_ => qmp.QueryStatusAsync()));
        double perSecond = commands / pipelined.Elapsed.TotalSeconds;
        return new Figures(microseconds[commands / 2], microseconds[(int)(commands * 0.99)], microseconds.Average(), perSecond, qmp.ServerVersion);
    }
}
