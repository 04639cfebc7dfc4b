using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Kaal.Sdk.Coroutines;

// The SDK's async methods name CoroutineBuilder (Kaal.Sdk/Coroutines: the host's builder reuses the state of suspended
// calls). At EL0 every await completes synchronously, nothing suspends, so the names are the synchronous ValueTask
// builders (ValueTaskBuilders.cs).

public struct CoroutineBuilder
{
    private AsyncValueTaskMethodBuilder _inner;

    public static CoroutineBuilder Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    public void SetResult() => _inner.SetResult();

    public void SetException(Exception exception) => _inner.SetException(exception);

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public ValueTask Task => _inner.Task;
}

public struct CoroutineBuilder<TResult>
{
    private AsyncValueTaskMethodBuilder<TResult> _inner;

    public static CoroutineBuilder<TResult> Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    public void SetResult(TResult result) => _inner.SetResult(result);

    public void SetException(Exception exception) => _inner.SetException(exception);

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine => AsyncTaskMethodBuilder.NotSynchronous();

    public ValueTask<TResult> Task => _inner.Task;
}
