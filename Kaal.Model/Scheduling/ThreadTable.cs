namespace Kaal.Model;

/// <summary>
/// Fixed-capacity table of threads with their saved user registers and FP/SIMD state. The first
/// <c>coreCount</c> entries are the cores' idle threads and are never handed out.
/// </summary>
public sealed class ThreadTable
{
    private readonly ThreadEntry[] _threads;
    private readonly ulong[] _registers;
    private readonly ulong[] _fpState;
    private uint _freeHead;
    private uint _freeCount;

    public ThreadTable(uint userThreadCapacity, int coreCount)
    {
        uint capacity = userThreadCapacity + (uint)coreCount;
        _threads = new ThreadEntry[capacity];
        _registers = new ulong[capacity * UserContext.RegisterCount];
        _fpState = new ulong[capacity * UserContext.FpWordCount];
        _freeHead = ThreadEntry.None;
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

    public ref ThreadEntry this[uint thread] => ref _threads[thread];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ref ulong Register(uint thread, int register) =>
        ref _registers[thread * UserContext.RegisterCount + (uint)register];

    /// <summary>Every thread's saved registers, <see cref="UserContext.RegisterCount"/> words per thread from
    /// index thread * RegisterCount: for code that moves several registers of a thread at once.</summary>
    internal ulong[] RegisterWords => _registers;

    /// <summary>The entries themselves, for the fast paths (as <see cref="ObjectTable.Entries"/>).</summary>
    internal ThreadEntry[] Entries => _threads;

    public ref ulong FpWord(uint thread, int word) =>
        ref _fpState[thread * UserContext.FpWordCount + (uint)word];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsLive(uint thread, uint generation) =>
        thread < (uint)_threads.Length && _threads[thread].Generation == generation && !_threads[thread].Tcb.IsNone;

    /// <summary>Takes a free entry for a new TCB; the caller checked <see cref="FreeCount"/>.</summary>
    public uint Allocate(ObjectRef tcb)
    {
        KernelAssert.That(_freeCount > 0 && _freeHead != ThreadEntry.None, AssertionSite.ObjectTableCorrupt, _freeCount);
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
        uint nextGeneration = ObjectRef.NextGeneration(_threads[thread].Generation);
        _threads[thread] = EmptyThread(nextGeneration);
        _threads[thread].NextFree = _freeHead;
        _freeHead = thread;
        _freeCount++;
    }

    /// <summary>Makes <paramref name="target"/> (same capacity) an exact copy of this table, registers and FP/SIMD
    /// words included; allocates nothing.</summary>
    public void CopyStateTo(ThreadTable target)
    {
        KernelAssert.That(target != this && target._threads.Length == _threads.Length, AssertionSite.SnapshotMismatch, (ulong)target._threads.Length);
        ThreadEntry[] threads = _threads;
        ThreadEntry[] targetThreads = target._threads;
        for (int index = 0; index < threads.Length; index++) targetThreads[index] = threads[index];
        ulong[] registers = _registers;
        ulong[] targetRegisters = target._registers;
        for (int index = 0; index < registers.Length; index++) targetRegisters[index] = registers[index];
        ulong[] fpState = _fpState;
        ulong[] targetFpState = target._fpState;
        for (int index = 0; index < fpState.Length; index++) targetFpState[index] = fpState[index];
        target._freeHead = _freeHead;
        target._freeCount = _freeCount;
    }

    /// <summary>Mixes every entry (22 words each), then every register and FP/SIMD word (one word each) and the
    /// free list into <paramref name="hash"/>.</summary>
    public ulong HashState(ulong hash)
    {
        ThreadEntry[] threads = _threads;
        for (int index = 0; index < threads.Length; index++)
        {
            ref ThreadEntry entry = ref threads[index];
            hash = StateHashing.Mix(hash, StateHashing.Ref(entry.Tcb));
            hash = StateHashing.Mix(hash, (ulong)entry.State | ((ulong)entry.Priority << 8) | ((ulong)entry.MaxControlledPriority << 16) |
                ((ulong)entry.Core << 24) | ((ulong)entry.TimesliceLeftTicks << 32));
            hash = StateHashing.Mix(hash, StateHashing.CapHeader(entry.CSpaceRoot) | (StateHashing.CapHeader(entry.VSpaceRoot) << 24) |
                ((ulong)entry.Fault.Kind << 48) |
                (StateHashing.Bit(entry.SendCanGrant) << 56) | (StateHashing.Bit(entry.SendCanGrantReply) << 57) |
                (StateHashing.Bit(entry.SendIsCall) << 58) | (StateHashing.Bit(entry.ReceiveCanGrant) << 59) |
                (StateHashing.Bit(entry.FaultPending) << 60));
            hash = StateHashing.CapBody(hash, entry.CSpaceRoot);
            hash = StateHashing.CapBody(hash, entry.VSpaceRoot);
            hash = StateHashing.Mix(hash, StateHashing.Ref(entry.IpcBufferFrame));
            hash = StateHashing.Mix(hash, entry.IpcBufferVirtAddr);
            hash = StateHashing.Mix(hash, StateHashing.Ref(entry.BoundNotification));
            hash = StateHashing.Mix(hash, entry.FaultEndpointCptr);
            hash = StateHashing.Mix(hash, StateHashing.Pair(entry.ReadyNext, entry.ReadyPrev));
            hash = StateHashing.Mix(hash, StateHashing.Pair(entry.WaitNext, entry.WaitPrev));
            hash = StateHashing.Mix(hash, StateHashing.Ref(entry.BlockedOn));
            hash = StateHashing.Mix(hash, entry.SendBadge);
            hash = StateHashing.Mix(hash, entry.Fault.ProgramCounter);
            hash = StateHashing.Mix(hash, entry.Fault.Address);
            hash = StateHashing.Mix(hash, entry.Fault.Syndrome);
            hash = StateHashing.Mix(hash, entry.Generation);
            hash = StateHashing.Mix(hash, entry.NextFree);
        }
        ulong[] registers = _registers;
        for (int index = 0; index < registers.Length; index++) hash = StateHashing.Mix(hash, registers[index]);
        ulong[] fpState = _fpState;
        for (int index = 0; index < fpState.Length; index++) hash = StateHashing.Mix(hash, fpState[index]);
        return StateHashing.Mix(hash, StateHashing.Pair(_freeHead, _freeCount));
    }

    private static ThreadEntry EmptyThread(uint generation) => new()
    {
        State = ThreadState.Inactive,
        ReadyNext = ThreadEntry.None,
        ReadyPrev = ThreadEntry.None,
        WaitNext = ThreadEntry.None,
        WaitPrev = ThreadEntry.None,
        Generation = generation,
        NextFree = ThreadEntry.None,
    };
}
