using System;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace Kaal.Sdk.Coroutines;

/// <summary>
/// What a suspended SDK async method's <see cref="ValueTask{TResult}"/> refers to (<see cref="CoroutineBuilder{TResult}"/>):
/// its state machine, its outcome and the one continuation awaiting it. Reused after its result was taken, so an await
/// of an SDK method allocates nothing in steady state.
/// <para>Two rules make the reuse sound. (1) A generation token: a ValueTask carries the <see cref="Version"/> it was
/// made with, and every call through it checks that version, so a ValueTask kept and awaited again after its result
/// was taken fails with <see cref="InvalidOperationException"/> instead of reading another call's result. (2) The
/// continuation runs inline, on the thread that completes the method, and never through a synchronization context:
/// in the simulator a component's code only ever runs inside the simulation's Start or Resume of that component on
/// the worker's thread (the simulator drops every post to its <c>StrayContinuations</c> context), so the method
/// completes there and its awaiter resumes there, which is what a Task's continuation did before (it ran inline
/// because the captured context was the current one). An await of anything that is not a Sys operation still
/// leaves the component without a Sys continuation, which the simulator reports as before.</para>
/// </summary>
internal abstract class CoroutineBox<TResult> : IValueTaskSource<TResult>, IValueTaskSource
{
    private Action<object?>? _continuation;
    private object? _continuationState;
    private TResult _result = default!;
    private ExceptionDispatchInfo? _error;
    private bool _completed;
    private short _version;

    /// <summary>The generation of the call this box currently serves.</summary>
    public short Version => _version;

    /// <summary>Runs the state machine on (the continuation an await inside the method registers).</summary>
    public abstract Action MoveNextAction { get; }

    public void SetResult(TResult result)
    {
        _result = result;
        Complete();
    }

    public void SetException(Exception error)
    {
        _error = ExceptionDispatchInfo.Capture(error);
        Complete();
    }

    private void Complete()
    {
        _completed = true;
        Action<object?>? continuation = _continuation;
        if (continuation is null) return;
        _continuation = null;
        object? state = _continuationState;
        _continuationState = null;
        continuation(state);
    }

    public ValueTaskSourceStatus GetStatus(short token)
    {
        CheckVersion(token);
        if (!_completed) return ValueTaskSourceStatus.Pending;
        if (_error is null) return ValueTaskSourceStatus.Succeeded;
        return _error.SourceException is OperationCanceledException ? ValueTaskSourceStatus.Canceled : ValueTaskSourceStatus.Faulted;
    }

    /// <summary>Registers the awaiter's continuation. <paramref name="flags"/> are ignored on purpose: the continuation
    /// runs inline when the method completes (rule 2 above), never posted to a context.</summary>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        CheckVersion(token);
        // An awaiter asks only after seeing the method pending, and nothing else runs on the thread in between.
        if (_completed || _continuation is not null) throw new InvalidOperationException("an SDK ValueTask was awaited twice at once, or after it completed");
        _continuation = continuation;
        _continuationState = state;
    }

    public TResult GetResult(short token)
    {
        CheckVersion(token);
        if (!_completed) throw new InvalidOperationException("the result of an SDK ValueTask was asked for before the method completed");
        TResult result = _result;
        ExceptionDispatchInfo? error = _error;
        _result = default!;
        _error = null;
        _completed = false;
        _version++;
        Recycle();
        error?.Throw();
        return result;
    }

    void IValueTaskSource.GetResult(short token) => GetResult(token);

    /// <summary>Puts the box back for the next call of the same method on this thread.</summary>
    protected abstract void Recycle();

    private void CheckVersion(short token)
    {
        if (token != _version) throw new InvalidOperationException("an SDK ValueTask was used after its result had been taken (a ValueTask may be awaited once)");
    }
}
