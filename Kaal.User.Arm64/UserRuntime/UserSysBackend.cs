using System;
using System.Runtime.InteropServices;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.User.Arm64;

/// <summary>
/// ISysBackend at EL0: every operation is performed at once (svc #0, or the load, store, barrier or system register
/// instruction it names: memory_access.S), so <see cref="IsCompleted"/> is always true and the component's awaits
/// never suspend (DESIGN decision 4). Liveness marks are the simulator's; hardware ignores them.
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

    public void BeginLoad(ulong virtAddr, MemoryOrder order) =>
        _result = Value(order == MemoryOrder.Acquire ? LoadAcquire((ulong*)virtAddr) : *(ulong*)virtAddr);

    /// <summary>A plain store may be observed out of order (what the simulator's model explores); Release is STLR.</summary>
    public void BeginStore(ulong virtAddr, ulong value, MemoryOrder order)
    {
        if (order == MemoryOrder.Release) StoreRelease((ulong*)virtAddr, value);
        else *(ulong*)virtAddr = value;
        _result = default;
    }

    public void BeginMmio(ulong virtAddr, bool isWrite, uint value)
    {
        if (isWrite)
        {
            MmioWrite32((uint*)virtAddr, value);
            _result = default;
        }
        else
        {
            _result = Value(MmioRead32((uint*)virtAddr));
        }
    }

    /// <summary>The EL1 physical timer's registers, which the kernel opens to EL0 (CNTKCTL_EL1). Writing the counter
    /// or its frequency is not possible from EL0; asking to stops the component (a bug, as the simulator reports it).</summary>
    public void BeginSystemRegister(SystemRegister register, bool isWrite, ulong value)
    {
        _result = default;
        switch (register)
        {
            case SystemRegister.CounterFrequency when !isWrite:
                _result = Value(ReadCounterFrequency());
                break;
            case SystemRegister.PhysicalCount when !isWrite:
                _result = Value(ReadPhysicalCount());
                break;
            case SystemRegister.TimerCompare:
                if (isWrite) WriteTimerCompare(value);
                else _result = Value(ReadTimerCompare());
                break;
            case SystemRegister.TimerControl:
                if (isWrite) WriteTimerControl(value);
                else _result = Value(ReadTimerControl());
                break;
            default:
                UserFailure.Stop(UserFailure.ComponentName, "a read-only system register was written");
                break;
        }
    }

    public bool ReadPrivate(ulong virtAddr, Span<byte> destination)
    {
        new Span<byte>((void*)virtAddr, destination.Length).CopyTo(destination);
        return true;
    }

    public byte[]? MappedBytes(ulong virtAddr, int length) => InPlaceArray.Over(virtAddr, length);

    public bool WritePrivate(ulong virtAddr, ReadOnlySpan<byte> source)
    {
        source.CopyTo(new Span<byte>((void*)virtAddr, source.Length));
        return true;
    }

    public void BeginBarrier(BarrierKind kind)
    {
        switch (kind)
        {
            case BarrierKind.Loads:
                BarrierLoads();
                break;
            case BarrierKind.Stores:
                BarrierStores();
                break;
            default:
                BarrierFull();
                break;
        }
        _result = default;
    }

    public void MarkLiveness(string monitor, bool hot)
    {
    }

    public void NameObject(ulong cptr, string name, string? part)
    {
    }

    public bool IsCompleted => true;

    public void OnCompleted(Action continuation) => UserFailure.Stop(UserFailure.ComponentName, "OnCompleted at EL0 (every operation completes at once)");

    public SyscallResult TakeResult() => _result;

    private static SyscallResult Value(ulong x1) => new SyscallResult(KernelError.Ok, x1, 0, 0, 0, 0, 0);

    [DllImport("*", EntryPoint = "kaal_load_acquire"), SuppressGCTransition]
    private static extern ulong LoadAcquire(ulong* address);

    [DllImport("*", EntryPoint = "kaal_store_release"), SuppressGCTransition]
    private static extern void StoreRelease(ulong* address, ulong value);

    [DllImport("*", EntryPoint = "kaal_barrier_full"), SuppressGCTransition]
    private static extern void BarrierFull();

    [DllImport("*", EntryPoint = "kaal_barrier_loads"), SuppressGCTransition]
    private static extern void BarrierLoads();

    [DllImport("*", EntryPoint = "kaal_barrier_stores"), SuppressGCTransition]
    private static extern void BarrierStores();

    [DllImport("*", EntryPoint = "kaal_mmio_read32"), SuppressGCTransition]
    private static extern uint MmioRead32(uint* address);

    [DllImport("*", EntryPoint = "kaal_mmio_write32"), SuppressGCTransition]
    private static extern void MmioWrite32(uint* address, uint value);

    [DllImport("*", EntryPoint = "kaal_read_cntfrq"), SuppressGCTransition]
    private static extern ulong ReadCounterFrequency();

    [DllImport("*", EntryPoint = "kaal_read_cntpct"), SuppressGCTransition]
    private static extern ulong ReadPhysicalCount();

    [DllImport("*", EntryPoint = "kaal_read_cntp_cval"), SuppressGCTransition]
    private static extern ulong ReadTimerCompare();

    [DllImport("*", EntryPoint = "kaal_write_cntp_cval"), SuppressGCTransition]
    private static extern void WriteTimerCompare(ulong value);

    [DllImport("*", EntryPoint = "kaal_read_cntp_ctl"), SuppressGCTransition]
    private static extern ulong ReadTimerControl();

    [DllImport("*", EntryPoint = "kaal_write_cntp_ctl"), SuppressGCTransition]
    private static extern void WriteTimerControl(ulong value);
}
