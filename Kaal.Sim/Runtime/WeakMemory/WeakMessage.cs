namespace Kaal.Sim.Runtime.WeakMemory;

/// <summary>A write in the global message list of <see cref="ArmMemory"/>: where, what, by whom, and for reports
/// the step of its store (-1 while it is an outstanding promise) and of its promise (-1 if it was not promised:
/// a promised write is in the list, visible to other cores, before its thread's store runs).</summary>
internal readonly record struct WeakMessage(int Location, ulong Value, uint Thread, int Core, int StoreStep, int PromiseStep, ulong VirtAddr)
{
    public bool IsOutstandingPromise => StoreStep < 0;
}
