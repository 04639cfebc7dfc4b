using System;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Runs SDK code as the root thread during set-up, every operation performed at once (the way a hardware
/// backend completes each await synchronously, DESIGN decision 4): the root task's syscalls are set-up, not
/// part of the explored schedule. Blocking, device access and shared-memory operations are refused: a root task
/// needs none of them.
/// </summary>
public sealed class DirectBackend(Kernel kernel, SimMachineState machine, IThreadMemory memory) : ISysBackend
{
    private SyscallResult _result;

    private uint Thread => kernel.BootInfo.RootThread;

    public void BeginSyscall(Syscall number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5, ulong a6, ulong a7)
    {
        var port = new SimMachine(machine);
        if (kernel.Core(0).Current != Thread) throw new SimulationException($"set-up syscall {number}: the root thread is not running");
        kernel.MakeSyscall(ref port, 0, number, a0, a1, a2, a3, a4, a5, a6, a7);
        if (kernel.Core(0).Current != Thread || kernel.ThreadAt(Thread).State != ThreadState.Running)
        {
            throw new SimulationException($"set-up syscall {number} blocked the root thread");
        }
        _result = ThreadResult.Of(kernel, Thread);
    }

    public void BeginLoad(ulong virtAddr, MemoryOrder order) => throw Refused("a shared-memory load");

    public void BeginStore(ulong virtAddr, ulong value, MemoryOrder order) => throw Refused("a shared-memory store");

    public void BeginMmio(ulong virtAddr, bool isWrite, uint value) => throw Refused("a device access");

    public void BeginBarrier(BarrierKind kind) => throw Refused("a memory barrier");

    public void BeginSystemRegister(SystemRegister register, bool isWrite, ulong value) => throw Refused("a system register access");

    public bool ReadPrivate(ulong virtAddr, Span<byte> destination) => memory.Read(Thread, virtAddr, destination);

    public byte[]? MappedBytes(ulong virtAddr, int length) => memory.MappedBytes(Thread, virtAddr, length);

    public bool WritePrivate(ulong virtAddr, ReadOnlySpan<byte> source) => memory.Write(Thread, virtAddr, source);

    public void MarkLiveness(string monitor, bool hot)
    {
    }

    /// <summary>Set-up code names objects through <see cref="WorldBuilder"/>'s labels instead.</summary>
    public void NameObject(ulong cptr, string name, string? part)
    {
    }

    public bool IsCompleted => true;

    public void OnCompleted(Action continuation) => throw new SimulationException("set-up code awaited an operation that did not complete");

    public SyscallResult TakeResult() => _result;

    private static SimulationException Refused(string what) => new($"the root task attempted {what} during set-up");
}
