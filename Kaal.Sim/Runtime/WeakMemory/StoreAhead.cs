namespace Kaal.Sim.Runtime.WeakMemory;

/// <summary>A store a thread will make <see cref="Distance"/> operations after its pending one, found by running
/// it alone (promise certification): what it may promise now.</summary>
public readonly record struct StoreAhead(int Word, ulong VirtAddr, ulong Value, int Distance);
