using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Kaal.Sdk.Coroutines;

/// <summary>The builder of the SDK's <c>async ValueTask</c> methods: <see cref="CoroutineBuilder{TResult}"/> without a
/// result (<c>[AsyncMethodBuilder(typeof(CoroutineBuilder))]</c>).</summary>
public struct CoroutineBuilder
{
    private CoroutineBuilder<NoResult> _inner;

    public static CoroutineBuilder Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    public void SetResult() => _inner.SetResult(default);

    public void SetException(Exception exception) => _inner.SetException(exception);

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine => _inner.AwaitOnCompleted(ref awaiter, ref stateMachine);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine => _inner.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);

    public ValueTask Task => _inner.UntypedTask;
}
