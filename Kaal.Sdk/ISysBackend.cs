using System;
using Kaal.Model;

namespace Kaal.Sdk;

/// <summary>
/// Where a component's operations go. The simulator's backend records the operation, suspends the
/// component at its await and resumes it when the explorer has run the operation; a hardware backend
/// performs it at once (the await then completes synchronously).
/// </summary>
public interface ISysBackend
{
    void BeginSyscall(Syscall number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5, ulong a6, ulong a7);

    void BeginLoad(ulong virtAddr, MemoryOrder order);

    void BeginStore(ulong virtAddr, ulong value, MemoryOrder order);

    /// <summary>A 32-bit access to a device register mapped at <paramref name="virtAddr"/>.</summary>
    void BeginMmio(ulong virtAddr, bool isWrite, uint value);

    /// <summary>An EL0-accessible system register (the generic timer's).</summary>
    void BeginSystemRegister(SystemRegister register, bool isWrite, ulong value);

    /// <summary>
    /// Copies from memory only this thread uses (its arguments page, a frame it is filling before anyone
    /// else maps it). Not a scheduling point: nothing another thread does can change the outcome. False
    /// if some byte is not mapped readable; the caller then treats it as a data abort.
    /// </summary>
    bool ReadPrivate(ulong virtAddr, Span<byte> destination);

    /// <summary>
    /// The <paramref name="length"/> bytes mapped read-only at <paramref name="virtAddr"/> as an array, without copying
    /// them where the machine allows: at EL0 the array's elements are the mapped pages themselves (the runtime writes
    /// the array's header at the end of the read/write page just below <paramref name="virtAddr"/>, which the caller
    /// maps; objects are never moved or freed there). The simulator's memory is not the host's, so it returns a copy.
    /// Null if some byte is not mapped readable. Not a scheduling point (read-only memory nobody writes).
    /// </summary>
    byte[]? MappedBytes(ulong virtAddr, int length);

    /// <summary>Copies into memory only this thread uses; false if some byte is not mapped writable.</summary>
    bool WritePrivate(ulong virtAddr, ReadOnlySpan<byte> source);
    /// <summary>A memory barrier (DMB); hardware executes it, the simulator's memory model applies it.</summary>
    void BeginBarrier(BarrierKind kind);

    /// <summary>A liveness monitor's state (Coyote's hot and cold): hot while the component waits for progress it
    /// was promised. Not a scheduling point; the simulator checks how long monitors stay hot, hardware ignores it.</summary>
    void MarkLiveness(string monitor, bool hot);

    /// <summary>Names the object the capability <paramref name="cptr"/> refers to, for reports (<paramref name="part"/>,
    /// when not null, says which of the named thing's objects it is). Not a scheduling point; the simulator uses the
    /// name in deadlock reports and step logs, hardware ignores it (so callers pass strings they already hold).</summary>
    void NameObject(ulong cptr, string name, string? part);

    /// <summary>True when the operation already completed (hardware); false when the caller must suspend.</summary>
    bool IsCompleted { get; }

    /// <summary>Resume the component with <paramref name="continuation"/> once the operation completed.</summary>
    void OnCompleted(Action continuation);

    /// <summary>The result of the operation that just completed (loads: the value in X1).</summary>
    SyscallResult TakeResult();
}
