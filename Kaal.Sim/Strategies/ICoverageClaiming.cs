namespace Kaal.Sim.Strategies;

/// <summary>A systematic strategy that can say what it covered so far (<see cref="CoverageClaim"/>); null when it
/// makes no claim (a fair wrapper around a random strategy).</summary>
public interface ICoverageClaiming
{
    CoverageClaim? Coverage { get; }
}
