namespace Kaal.Sim.Strategies;

/// <summary>A thread asleep at a DFS node: its next step, as it was when it fell asleep. Exploring that step
/// from here would only repeat orders already explored; the entry lapses once the thread has moved.</summary>
internal readonly record struct SleepEntry(uint Thread, Footprint Next);
