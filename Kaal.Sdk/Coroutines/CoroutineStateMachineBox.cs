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

    /// <summary>This thread's kept boxes. One thread-static object rather than an array and a count: a thread static of
    /// a generic type is reached through a runtime helper, so each access costs a call (docs/simulator.md, "Fourth
    /// round"); Take and Recycle now make one each.</summary>
    [ThreadStatic]
    private static Kept? t_kept;

    private readonly Action _moveNext;

    public TStateMachine StateMachine = default!;

    private CoroutineStateMachineBox()
    {
        _moveNext = MoveNext;
    }

    public override Action MoveNextAction => _moveNext;

    public static CoroutineStateMachineBox<TResult, TStateMachine> Take()
    {
        Kept? kept = t_kept;
        if (kept is null || kept.Count == 0) return new CoroutineStateMachineBox<TResult, TStateMachine>();
        CoroutineStateMachineBox<TResult, TStateMachine> box = kept.Boxes[--kept.Count]!;
        kept.Boxes[kept.Count] = null;
        return box;
    }

    private void MoveNext() => StateMachine.MoveNext();

    protected override void Recycle()
    {
        StateMachine = default!;
        Kept kept = t_kept ??= new Kept();
        if (kept.Count < KeptPerThread) kept.Boxes[kept.Count++] = this;
    }

    private sealed class Kept
    {
        public readonly CoroutineStateMachineBox<TResult, TStateMachine>?[] Boxes = new CoroutineStateMachineBox<TResult, TStateMachine>?[KeptPerThread];
        public int Count;
    }
}
