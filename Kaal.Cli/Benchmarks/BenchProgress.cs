using Kaal.Cli.Rendering;

namespace Kaal.Cli.Benchmarks;

/// <summary>A benchmark's measurements counted on its progress display: each <see cref="Next"/> starts one.</summary>
internal sealed class BenchProgress(IProgressLine line)
{
    private int _done;

    /// <summary>No display (a benchmark measured from a test or inside another).</summary>
    public static BenchProgress None { get; } = new(new NoLine());

    public void Next(string measuring) => line.Update(_done++, measuring);

    private sealed class NoLine : IProgressLine
    {
        public void Update(double done, string status)
        {
        }
    }
}
