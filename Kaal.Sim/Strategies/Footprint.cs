namespace Kaal.Sim.Strategies;

/// <summary>
/// The next step of one enabled thread, described just enough to decide whether two steps of different threads
/// commute: <see cref="Kind"/>, the physical address of a memory access (0 otherwise), and
/// <see cref="ThreadProgress"/>, how many times the thread's coroutine has been advanced, so that a strategy
/// remembering "thread T's next step" can tell whether T has moved since (it may move without being chosen:
/// the kernel starts or resumes the next thread when the running one finishes).
/// </summary>
public readonly record struct Footprint(FootprintKind Kind, ulong PhysAddr, int ThreadProgress)
{
    /// <summary>A step that conflicts with everything: what a strategy must assume when nobody told it more.</summary>
    public static Footprint Unknown => new(FootprintKind.Global, 0, -1);

    /// <summary>
    /// True when executing the two steps (of different threads) in either order reaches the same state and
    /// neither can disable the other. Local steps only touch their own thread; two loads, or two accesses to
    /// different words, commute; a memory access cannot block or wake anyone. A syscall (Global) can do
    /// anything to anyone, including suspend a thread whose next step is Local, so it commutes with nothing.
    /// </summary>
    public static bool Independent(in Footprint first, in Footprint second)
    {
        if (first.Kind == FootprintKind.Global || second.Kind == FootprintKind.Global) return false;
        if (first.Kind == FootprintKind.Local || second.Kind == FootprintKind.Local) return true;
        if (first.Kind == FootprintKind.Read && second.Kind == FootprintKind.Read) return true;
        return first.PhysAddr != second.PhysAddr;
    }
}
