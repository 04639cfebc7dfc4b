namespace Kaal.Sim.Runtime.WeakMemory;

/// <summary>A load under the weak model, for failure reports: who read which word at which step, the
/// timestamp of the write it read (0: the initial value) and the newest write there it could have read (its own
/// core's unfulfilled promises are not readable).</summary>
internal readonly record struct ReadRecord(uint Thread, int Step, int Location, ulong VirtAddr, int Timestamp, int NewestAtRead);
