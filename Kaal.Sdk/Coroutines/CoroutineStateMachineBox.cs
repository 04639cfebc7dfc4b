using System;
using System.Runtime.CompilerServices;

namespace Kaal.Sdk.Coroutines;

/// <summary>
/// The <see cref="CoroutineBox{TResult}"/> of one async method (<typeparamref name="TStateMachine"/>): holds its state
/// machine, and keeps a few boxes of that method per thread for reuse. Per thread, because each exploration worker
/// runs its simulations on its own thread: no lock, nothing shared between workers. Which box a call gets cannot
/// change what a schedule does: a box carries nothing from its previous call (the state machine is cleared when it
/// is put back, the outcome when the result is taken).
/// </summary>
internal sealed class CoroutineStateMachineBox<TResult, TStateMachine> : CoroutineBox<TResult> where TStateMachine : IAsyncStateMachine
{
    /// <summary>Enough for one call per component of a system suspended in the same method at once; a call beyond it
    /// simply gets a new box.</summary>
    private const int KeptPerThread = 16;

    [ThreadStatic]
    private static CoroutineStateMachineBox<TResult, TStateMachine>?[]? t_kept;

    [ThreadStatic]
    private static int t_keptCount;

    private readonly Action _moveNext;

    public TStateMachine StateMachine = default!;

    private CoroutineStateMachineBox()
    {
        _moveNext = MoveNext;
    }

    public override Action MoveNextAction => _moveNext;

    public static CoroutineStateMachineBox<TResult, TStateMachine> Take()
    {
        if (t_keptCount == 0) return new CoroutineStateMachineBox<TResult, TStateMachine>();
        CoroutineStateMachineBox<TResult, TStateMachine> box = t_kept![--t_keptCount]!;
        t_kept[t_keptCount] = null;
        return box;
    }

    private void MoveNext() => StateMachine.MoveNext();

    protected override void Recycle()
    {
        StateMachine = default!;
        t_kept ??= new CoroutineStateMachineBox<TResult, TStateMachine>?[KeptPerThread];
        if (t_keptCount < KeptPerThread) t_kept[t_keptCount++] = this;
    }
}
