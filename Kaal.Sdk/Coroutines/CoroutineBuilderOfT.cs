using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Kaal.Sdk.Coroutines;

/// <summary>
/// The builder of the SDK's <c>async ValueTask&lt;T&gt;</c> methods (named on each with
/// <c>[AsyncMethodBuilder(typeof(CoroutineBuilder&lt;&gt;))]</c>): a call that completes without suspending returns its
/// result in the ValueTask (nothing allocated); a call that suspends moves its state machine into a reused
/// <see cref="CoroutineBox{TResult}"/>, whose soundness rules that type states. The standard builder allocated a box,
/// its MoveNext delegate and, for the awaiting caller under the simulator's synchronization context, a continuation
/// object per call. On the CPU (EL0) the name is the synchronous ValueTask builder (Kaal.User.Arm64).
/// </summary>
public struct CoroutineBuilder<TResult>
{
    private CoroutineBox<TResult>? _box;
    private TResult _result;
    private Exception? _error;

    public static CoroutineBuilder<TResult> Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    public void SetResult(TResult result)
    {
        if (_box is null) _result = result;
        else _box.SetResult(result);
    }

    public void SetException(Exception exception)
    {
        if (_box is null) _error = exception;
        else _box.SetException(exception);
    }

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        awaiter.OnCompleted(BoxOf(ref stateMachine).MoveNextAction);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        awaiter.UnsafeOnCompleted(BoxOf(ref stateMachine).MoveNextAction);

    public ValueTask<TResult> Task =>
        _box is not null ? new ValueTask<TResult>(_box, _box.Version)
        : _error is not null ? ValueTask.FromException<TResult>(_error)
        : new ValueTask<TResult>(_result);

    /// <summary>The same call as a ValueTask without a result (<see cref="CoroutineBuilder"/>).</summary>
    internal ValueTask UntypedTask =>
        _box is not null ? new ValueTask(_box, _box.Version)
        : _error is not null ? ValueTask.FromException(_error)
        : ValueTask.CompletedTask;

    /// <summary>At the first suspension the state machine moves into a box. The box is recorded in this builder before
    /// the copy, because this builder is a field of the state machine: the copy in the box then knows its box.</summary>
    private CoroutineBox<TResult> BoxOf<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        if (_box is not null) return _box;
        CoroutineStateMachineBox<TResult, TStateMachine> box = CoroutineStateMachineBox<TResult, TStateMachine>.Take();
        _box = box;
        box.StateMachine = stateMachine;
        return box;
    }
}
