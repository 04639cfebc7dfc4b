using System.Threading.Tasks;

namespace System.Runtime.CompilerServices;

// The builders `async ValueTask` / `async ValueTask<T>` methods use: the same synchronous run as
// AsyncTaskMethodBuilder (AsyncBuilders.cs), with the result kept in the struct instead of a Task object.

/// <summary>Names the builder of a task-like type (ValueTask's).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method, Inherited = false)]
public sealed class AsyncMethodBuilderAttribute : Attribute
{
    public AsyncMethodBuilderAttribute(Type builderType)
    {
    }
}

public struct AsyncValueTaskMethodBuilder
{
    public static AsyncValueTaskMethodBuilder Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    public void SetResult()
    {
    }

    public void SetException(Exception exception) => Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("async method failed");

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public ValueTask Task => default;
}

public struct AsyncValueTaskMethodBuilder<TResult>
{
    private TResult _result;

    public static AsyncValueTaskMethodBuilder<TResult> Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    public void SetResult(TResult result) => _result = result;

    public void SetException(Exception exception) => Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("async method failed");

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public ValueTask<TResult> Task => new ValueTask<TResult>(_result);
}
