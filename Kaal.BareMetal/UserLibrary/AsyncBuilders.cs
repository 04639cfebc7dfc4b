using System.Threading.Tasks;
using Kaal.Kernel.Arm64.Boot;

namespace System.Runtime.CompilerServices;

// What the C# compiler needs for `async Task` / `async Task<T>` methods and `await` (measured: these types,
// with these members, and nothing else; AsyncStateMachineAttribute is optional).

public interface IAsyncStateMachine
{
    void MoveNext();

    void SetStateMachine(IAsyncStateMachine stateMachine);
}

public interface INotifyCompletion
{
    void OnCompleted(Action continuation);
}

public interface ICriticalNotifyCompletion : INotifyCompletion
{
    void UnsafeOnCompleted(Action continuation);
}

/// <summary>Runs the state machine to completion inside <see cref="Start"/>: every await it meets must be
/// complete already (Operation on hardware is), or the component stops.</summary>
public struct AsyncTaskMethodBuilder
{
    public static AsyncTaskMethodBuilder Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    public void SetResult()
    {
    }

    public void SetException(Exception exception) => KernelPanic.Halt("async method failed");

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine => NotSynchronous();

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine => NotSynchronous();

    public Task Task => Task.CompletedTask;

    internal static void NotSynchronous() => KernelPanic.Halt("await did not complete synchronously (EL0 has no scheduler for continuations)");
}

public struct AsyncTaskMethodBuilder<TResult>
{
    private Task<TResult>? _task;

    public static AsyncTaskMethodBuilder<TResult> Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    public void SetResult(TResult result) => _task = new Task<TResult>(result);

    public void SetException(Exception exception) => KernelPanic.Halt("async method failed");

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public Task<TResult> Task
    {
        get
        {
            if (_task == null)
            {
                AsyncTaskMethodBuilder.NotSynchronous();
            }
            return _task!;
        }
    }
}

public readonly struct TaskAwaiter : ICriticalNotifyCompletion
{
    public bool IsCompleted => true;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => AsyncTaskMethodBuilder.NotSynchronous();

    public void UnsafeOnCompleted(Action continuation) => AsyncTaskMethodBuilder.NotSynchronous();
}

public readonly struct TaskAwaiter<TResult> : ICriticalNotifyCompletion
{
    private readonly Task<TResult> _task;

    internal TaskAwaiter(Task<TResult> task)
    {
        _task = task;
    }

    public bool IsCompleted => true;

    public TResult GetResult() => _task.Result;

    public void OnCompleted(Action continuation) => AsyncTaskMethodBuilder.NotSynchronous();

    public void UnsafeOnCompleted(Action continuation) => AsyncTaskMethodBuilder.NotSynchronous();
}
