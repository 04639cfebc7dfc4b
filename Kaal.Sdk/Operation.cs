using System;
using System.Runtime.CompilerServices;

namespace Kaal.Sdk;

/// <summary>
/// An operation a component awaits: a syscall or a shared-memory access. Every one of them is a
/// scheduling point (DESIGN decision 4). A struct awaiter, so awaiting allocates nothing.
/// </summary>
public readonly struct Operation : ICriticalNotifyCompletion
{
    private readonly ISysBackend _backend;

    internal Operation(ISysBackend backend)
    {
        _backend = backend;
    }

    public Operation GetAwaiter() => this;

    public bool IsCompleted => _backend.IsCompleted;

    public void OnCompleted(Action continuation) => _backend.OnCompleted(continuation);

    public void UnsafeOnCompleted(Action continuation) => _backend.OnCompleted(continuation);

    public SyscallResult GetResult() => _backend.TakeResult();
}
