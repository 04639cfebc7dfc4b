using System.Collections.Generic;
using System;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.Sim.Runtime;

/// <summary>
/// One component thread as a coroutine: its code runs between awaits; at each await the operation is
/// recorded here and the coroutine is suspended until the simulation has run the operation.
/// </summary>
public sealed class SimThread : ISysBackend
{
    private readonly Func<Sys, Task> _entry;
    private readonly IThreadMemory _memory;
    private Action? _continuation;
    private SyscallResult _result;
    private Task? _task;

    public SimThread(string name, uint modelThread, uint generation, Func<Sys, Task> entry, IThreadMemory memory)
    {
        Name = name;
        ModelThread = modelThread;
        Generation = generation;
        _entry = entry;
        _memory = memory;
        Sys = new Sys(this, name);
    }

    public string Name { get; }

    /// <summary>Serves for ever (WorldBuilder.AddDaemon): a run ends when every other component has finished and
    /// nothing can run, without it.</summary>
    public bool IsDaemon { get; init; }

    /// <summary>The Model's thread-table index.</summary>
    public uint ModelThread { get; }

    /// <summary>The Model thread's generation when this coroutine was made for it: a thread-table entry reused for
    /// another thread (after a teardown) gets a new coroutine.</summary>
    public uint Generation { get; }

    public Sys Sys { get; }

    public SimThreadStatus Status { get; private set; }

    public PendingOperation Pending;

    public Exception? Failure { get; private set; }

    /// <summary>How many times the coroutine was started or resumed: which of its operations is pending
    /// (a thread may advance without being chosen, when the kernel switches to it).</summary>
    public int Progress { get; private set; }

    /// <summary>Back to not started, for the next run.</summary>
    public void Reset()
    {
        Status = SimThreadStatus.NotStarted;
        _continuation = null;
        _task = null;
        Failure = null;
        Progress = 0;
        Pending = default;
        _result = default;
        LivenessMarks.Clear();
        ObjectNames.Clear();
    }

    /// <summary>The component's code (the scenario's delegate: what it captures is the scenario's state).</summary>
    internal Func<Sys, Task> Entry => _entry;

    /// <summary>Runs the component's code from its start to its first await (or its end).</summary>
    public void Start()
    {
        Status = SimThreadStatus.PendingOperation;
        Progress++;
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(StrayContinuations.Instance);
        try
        {
            _task = _entry(Sys);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        Settle();
    }

    /// <summary>Hands the completed operation's result to the component and runs it to its next await.</summary>
    public void Resume(in SyscallResult result)
    {
        Action continuation = _continuation ?? throw new SimulationException($"{Name} has no await to resume");
        _continuation = null;
        _result = result;
        Status = SimThreadStatus.PendingOperation;
        Progress++;
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(StrayContinuations.Instance);
        try
        {
            continuation();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        Settle();
    }

    public void MarkInKernel() => Status = SimThreadStatus.InKernel;

    /// <summary>The thread took a fault the kernel handed to its fault endpoint: its code never runs again.</summary>
    public void MarkFaulted() => Status = SimThreadStatus.Faulted;

    /// <summary>After the code ran: finished, failed, or stopped at an await. An await that left no continuation with
    /// this backend was not a Sys operation, and nothing would ever resume the component.</summary>
    private void Settle()
    {
        if (_task is null) return;
        if (!_task.IsCompleted)
        {
            if (_continuation is null)
            {
                throw new ScenarioAuthoringException(
                    $"component '{Name}' awaited something that is not a Sys operation (Task.Yield, Task.Delay, a task another component completes, ...): " +
                    "the simulator schedules only Sys operations, so every await in component code must be one of them (to let others run, await sys.Yield())");
            }
            return;
        }
        if (_task.IsFaulted)
        {
            Status = SimThreadStatus.Failed;
            Exception? inner = _task.Exception?.InnerException;
            Failure = inner ?? _task.Exception;
            return;
        }
        Status = SimThreadStatus.Finished;
    }

    void ISysBackend.BeginSyscall(Syscall number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5, ulong a6, ulong a7)
    {
        Pending.Kind = OperationKind.Syscall;
        Pending.Number = number;
        Pending.A0 = a0;
        Pending.A1 = a1;
        Pending.A2 = a2;
        Pending.A3 = a3;
        Pending.A4 = a4;
        Pending.A5 = a5;
        Pending.A6 = a6;
        Pending.A7 = a7;
    }

    void ISysBackend.BeginLoad(ulong virtAddr, MemoryOrder order)
    {
        Pending.Kind = OperationKind.Load;
        Pending.VirtAddr = virtAddr;
        Pending.Order = order;
    }

    void ISysBackend.BeginStore(ulong virtAddr, ulong value, MemoryOrder order)
    {
        Pending.Kind = OperationKind.Store;
        Pending.VirtAddr = virtAddr;
        Pending.Value = value;
        Pending.Order = order;
    }

    void ISysBackend.BeginMmio(ulong virtAddr, bool isWrite, uint value)
    {
        Pending.Kind = OperationKind.Mmio;
        Pending.VirtAddr = virtAddr;
        Pending.IsWrite = isWrite;
        Pending.Value = value;
    }

    void ISysBackend.BeginSystemRegister(SystemRegister register, bool isWrite, ulong value)
    {
        Pending.Kind = OperationKind.SystemRegister;
        Pending.Register = register;
        Pending.IsWrite = isWrite;
        Pending.Value = value;
    }

    bool ISysBackend.ReadPrivate(ulong virtAddr, Span<byte> destination) => _memory.Read(ModelThread, virtAddr, destination);

    byte[]? ISysBackend.MappedBytes(ulong virtAddr, int length) => _memory.MappedBytes(ModelThread, virtAddr, length);

    bool ISysBackend.WritePrivate(ulong virtAddr, ReadOnlySpan<byte> source) => _memory.Write(ModelThread, virtAddr, source);

    void ISysBackend.BeginBarrier(BarrierKind kind)
    {
        Pending.Kind = OperationKind.Barrier;
        Pending.Barrier = kind;
    }

    void ISysBackend.MarkLiveness(string monitor, bool hot) => LivenessMarks.Add((monitor, hot));

    /// <summary>Monitor changes since the simulation last collected them (it does after every step).</summary>
    public List<(string Monitor, bool Hot)> LivenessMarks { get; } = new();

    void ISysBackend.NameObject(ulong cptr, string name, string? part) => ObjectNames.Add((cptr, part is null ? name : $"{name} {part}"));

    /// <summary>Objects the component named since the simulation last collected them (with the liveness marks).</summary>
    public List<(ulong Cptr, string Name)> ObjectNames { get; } = new();

    bool ISysBackend.IsCompleted => false;

    void ISysBackend.OnCompleted(Action continuation) => _continuation = continuation;

    SyscallResult ISysBackend.TakeResult() => _result;
}
