namespace Kaal.Sim.Runtime;

/// <summary>Per-schedule limits and checks.</summary>
public sealed record SimOptions(int MaxSteps = 10_000, bool CheckInvariants = true);
