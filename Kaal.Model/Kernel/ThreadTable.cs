namespace Kaal.Model;

/// <summary>
/// Fixed-capacity table of threads with their saved user registers and FP/SIMD state. The first
/// <c>coreCount</c> entries are the cores' idle threads and are never handed out.
/// </summary>
public sealed class ThreadTable
{
    private readonly Thread[] _threads;
    private readonly ulong[] _registers;
    private readonly ulong[] _fpState;
    private uint _freeHead;
    private uint _freeCount;

    public ThreadTable(uint userThreadCapacity, int coreCount)
    {
        uint capacity = userThreadCapacity + (uint)coreCount;
        _threads = new Thread[capacity];
        _registers = new ulong[capacity * UserContext.RegisterCount];
        _fpState = new ulong[capacity * UserContext.FpWordCount];
        _freeHead = Thread.None;
        for (uint index = capacity; index > 0; index--)
        {
            uint entry = index - 1;
            _threads[entry] = EmptyThread(1);
            if (entry >= (uint)coreCount)
            {
                _threads[entry].NextFree = _freeHead;
                _freeHead = entry;
                _freeCount++;
            }
            else
            {
                _threads[entry].State = ThreadState.Idle;
                _threads[entry].Core = (byte)entry;
            }
        }
    }

    public uint Capacity => (uint)_threads.Length;

    public uint FreeCount => _freeCount;

    public ref Thread this[uint thread] => ref _threads[thread];

    public ref ulong Register(uint thread, int register) =>
        ref _registers[thread * UserContext.RegisterCount + (uint)register];

    public ref ulong FpWord(uint thread, int word) =>
        ref _fpState[thread * UserContext.FpWordCount + (uint)word];

    public bool IsLive(uint thread, uint generation) =>
        thread < (uint)_threads.Length && _threads[thread].Generation == generation && !_threads[thread].Tcb.IsNone;

    /// <summary>Takes a free entry for a new TCB; the caller checked <see cref="FreeCount"/>.</summary>
    public uint Allocate(ObjectRef tcb)
    {
        KernelAssert.That(_freeCount > 0 && _freeHead != Thread.None, AssertionSite.ObjectTableCorrupt, _freeCount);
        uint thread = _freeHead;
        _freeHead = _threads[thread].NextFree;
        _freeCount--;
        uint generation = _threads[thread].Generation;
        _threads[thread] = EmptyThread(generation);
        _threads[thread].Tcb = tcb;
        for (int register = 0; register < UserContext.RegisterCount; register++) Register(thread, register) = 0;
        for (int word = 0; word < UserContext.FpWordCount; word++) FpWord(thread, word) = 0;
        return thread;
    }

    public void Free(uint thread)
    {
        uint nextGeneration = _threads[thread].Generation == uint.MaxValue ? 1 : _threads[thread].Generation + 1;
        _threads[thread] = EmptyThread(nextGeneration);
        _threads[thread].NextFree = _freeHead;
        _freeHead = thread;
        _freeCount++;
    }

    private static Thread EmptyThread(uint generation) => new()
    {
        State = ThreadState.Inactive,
        ReadyNext = Thread.None,
        ReadyPrev = Thread.None,
        WaitNext = Thread.None,
        WaitPrev = Thread.None,
        ReplyTo = Thread.None,
        AwaitingReplyFrom = Thread.None,
        Generation = generation,
        NextFree = Thread.None,
    };
}
