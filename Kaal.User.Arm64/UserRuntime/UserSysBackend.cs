using System;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.User.Arm64;

/// <summary>
/// ISysBackend at EL0: every operation is performed at once (svc #0, a load or store instruction), so
/// <see cref="IsCompleted"/> is always true and the component's awaits never suspend (DESIGN decision 4).
/// </summary>
internal sealed unsafe class UserSysBackend : ISysBackend
{
    private SyscallResult _result;

    public void BeginSyscall(Syscall number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5, ulong a6, ulong a7)
    {
        ulong* registers = stackalloc ulong[8];
        registers[0] = a0;
        registers[1] = a1;
        registers[2] = a2;
        registers[3] = a3;
        registers[4] = a4;
        registers[5] = a5;
        registers[6] = a6;
        registers[7] = a7;
        UserSyscalls.Invoke((ulong)number, registers);
        _result = new SyscallResult((KernelError)registers[0], registers[1], registers[2], registers[3], registers[4], registers[5], registers[6]);
    }

    // Spike: plain accesses only (acquire/release would be LDAR/STLR through assembly helpers).
    public void BeginLoad(ulong virtAddr, MemoryOrder order) => _result = new SyscallResult(KernelError.Ok, *(ulong*)virtAddr, 0, 0, 0, 0, 0);

    public void BeginStore(ulong virtAddr, ulong value, MemoryOrder order)
    {
        *(ulong*)virtAddr = value;
        _result = default;
    }

    public void BeginMmio(ulong virtAddr, bool isWrite, uint value)
    {
        if (isWrite)
        {
            *(uint*)virtAddr = value;
            _result = default;
        }
        else
        {
            _result = new SyscallResult(KernelError.Ok, *(uint*)virtAddr, 0, 0, 0, 0, 0);
        }
    }

    public void BeginSystemRegister(SystemRegister register, bool isWrite, ulong value) =>
        Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("system registers: not in the spike");

    public bool ReadPrivate(ulong virtAddr, Span<byte> destination)
    {
        byte* source = (byte*)virtAddr;
        for (int index = 0; index < destination.Length; index++)
        {
            destination[index] = source[index];
        }
        return true;
    }

    public bool WritePrivate(ulong virtAddr, ReadOnlySpan<byte> source)
    {
        byte* target = (byte*)virtAddr;
        for (int index = 0; index < source.Length; index++)
        {
            target[index] = source[index];
        }
        return true;
    }

    public void BeginBarrier(BarrierKind kind) => _result = default;

    public void MarkLiveness(string monitor, bool hot)
    {
    }

    public bool IsCompleted => true;

    public void OnCompleted(Action continuation) => Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("OnCompleted at EL0");

    public SyscallResult TakeResult() => _result;
}
