using System.Runtime.CompilerServices;

namespace System.Threading.Tasks;

// ValueTask at EL0: like Task (Tasks.cs) always complete when the async method returns, but a struct, so an
// awaited ValueTask<T> allocates nothing (the channel's and the spawner's hot paths use it).

[AsyncMethodBuilder(typeof(AsyncValueTaskMethodBuilder))]
public readonly struct ValueTask
{
    public bool IsCompleted => true;

    public TaskAwaiter GetAwaiter() => default;
}

[AsyncMethodBuilder(typeof(AsyncValueTaskMethodBuilder<>))]
public readonly struct ValueTask<TResult>
{
    private readonly TResult _result;

    public ValueTask(TResult result)
    {
        _result = result;
    }

    public bool IsCompleted => true;

    public TResult Result => _result;

    public ValueTaskAwaiter<TResult> GetAwaiter() => new ValueTaskAwaiter<TResult>(_result);
}

public readonly struct ValueTaskAwaiter<TResult> : ICriticalNotifyCompletion
{
    private readonly TResult _result;

    internal ValueTaskAwaiter(TResult result)
    {
        _result = result;
    }

    public bool IsCompleted => true;

    public TResult GetResult() => _result;

    public void OnCompleted(Action continuation) => AsyncTaskMethodBuilder.NotSynchronous();

    public void UnsafeOnCompleted(Action continuation) => AsyncTaskMethodBuilder.NotSynchronous();
}
