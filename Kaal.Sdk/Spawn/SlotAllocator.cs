namespace Kaal.Sdk.Spawn;

/// <summary>
/// The free slots of a component's own CNode (a spawner needs many: every object it retypes lands in one).
/// Lowest free first, so the same sequence of spawns uses the same slots in every run. Fixed size.
/// </summary>
public sealed class SlotAllocator
{
    private readonly bool[] _used;

    public SlotAllocator(int slotCount, int firstFree)
    {
        _used = new bool[slotCount];
        for (int index = 0; index < firstFree && index < slotCount; index++) _used[index] = true;
    }

    public int FreeCount
    {
        get
        {
            int free = 0;
            foreach (bool used in _used) free += used ? 0 : 1;
            return free;
        }
    }

    /// <summary>Marks a slot taken that someone else filled (a capability the parent inserted).</summary>
    public void Reserve(ulong slot) => _used[slot] = true;

    /// <summary>The lowest free slot, or -1 when the CNode is full.</summary>
    public long TryTake()
    {
        for (int index = 0; index < _used.Length; index++)
        {
            if (_used[index]) continue;
            _used[index] = true;
            return index;
        }
        return -1;
    }

    /// <summary><paramref name="count"/> consecutive free slots (PROCESS_CREATE fills three in a row), or -1.</summary>
    public long TryTakeRun(int count)
    {
        for (int start = 0; start + count <= _used.Length; start++)
        {
            int length = 0;
            while (length < count && !_used[start + length]) length++;
            if (length < count) continue;
            for (int index = 0; index < count; index++) _used[start + index] = true;
            return start;
        }
        return -1;
    }

    public void Free(ulong slot) => _used[slot] = false;
}
