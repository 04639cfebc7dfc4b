namespace Kaal.Model;

/// <summary>
/// The fast form of the objects-disjoint invariant (<see cref="CheckObjectsDisjoint"/>): one sweep over the objects in
/// address order instead of comparing every pair of the object table (about half a million pairs of a 1,024-entry
/// table, most of the invariant checker's time in the simulator). Allocates nothing: two scratch arrays sized at boot.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>
    /// True when every two objects with memory either do not overlap or one is an Untyped that contains the other.
    /// Why a pass shows it: sorted by start (ties: the longer first, an Untyped first), the objects still open at each
    /// object form a chain in which each contains the next, and every object with one above it in the chain was checked
    /// to be an Untyped; the new object must lie inside the top one, which must be an Untyped; so it lies inside every
    /// open object, all Untypeds, and overlaps no closed one (each ended before it starts). False means only "not
    /// shown": the pairwise check then decides and names the pair, so what a broken state reports is unchanged.
    /// </summary>
    private bool ObjectsNestInUntypeds()
    {
        uint count = 0;
        uint capacity = _objects.Capacity;
        for (uint index = 0; index < capacity; index++)
        {
            ref KernelObject entry = ref _objects[index];
            if (!entry.HasMemory) continue;
            if (entry.EndAddr < entry.PhysAddr) return false;
            _checkerOrder[count++] = index;
        }
        SortByAddress(count);
        uint open = 0;
        for (uint position = 0; position < count; position++)
        {
            uint index = _checkerOrder[position];
            ref KernelObject current = ref _objects[index];
            while (open > 0 && _objects[_checkerOpen[open - 1]].EndAddr <= current.PhysAddr) open--;
            if (open > 0)
            {
                ref KernelObject container = ref _objects[_checkerOpen[open - 1]];
                if (container.Kind != CapType.Untyped || current.EndAddr > container.EndAddr) return false;
            }
            _checkerOpen[open++] = index;
        }
        return true;
    }

    /// <summary>Heapsort of the first <paramref name="count"/> object indices of <see cref="_checkerOrder"/> by
    /// <see cref="ComesBefore"/> (in place, no allocation, O(n log n) whatever the order).</summary>
    private void SortByAddress(uint count)
    {
        for (uint root = count / 2; root > 0; root--) SiftDown(root - 1, count);
        for (uint end = count; end > 1; end--)
        {
            uint last = end - 1;
            Swap(0, last);
            SiftDown(0, last);
        }
    }

    private void SiftDown(uint root, uint count)
    {
        while (true)
        {
            uint child = 2 * root + 1;
            if (child >= count) return;
            if (child + 1 < count && ComesBefore(_checkerOrder[child], _checkerOrder[child + 1])) child++;
            if (!ComesBefore(_checkerOrder[root], _checkerOrder[child])) return;
            Swap(root, child);
            root = child;
        }
    }

    private void Swap(uint first, uint second)
    {
        uint held = _checkerOrder[first];
        _checkerOrder[first] = _checkerOrder[second];
        _checkerOrder[second] = held;
    }

    /// <summary>Address order: lower start first; at one start the longer first, then an Untyped first, then the lower index.</summary>
    private bool ComesBefore(uint first, uint second)
    {
        ref KernelObject a = ref _objects[first];
        ref KernelObject b = ref _objects[second];
        if (a.PhysAddr != b.PhysAddr) return a.PhysAddr < b.PhysAddr;
        if (a.EndAddr != b.EndAddr) return a.EndAddr > b.EndAddr;
        bool aUntyped = a.Kind == CapType.Untyped, bUntyped = b.Kind == CapType.Untyped;
        if (aUntyped != bUntyped) return aUntyped;
        return first < second;
    }
}
