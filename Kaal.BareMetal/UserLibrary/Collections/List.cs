namespace System.Collections.Generic;

/// <summary>A growable array (doubling; the old array stays on the bump heap, there is no GC).</summary>
public class List<T> : IReadOnlyList<T>
{
    private T[] _items;
    private int _count;

    public List()
    {
        _items = new T[4];
    }

    public List(IEnumerable<T> items) : this()
    {
        foreach (T item in items) Add(item);
    }

    public int Count => _count;

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
            return _items[index];
        }
        set
        {
            if ((uint)index >= (uint)_count) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
            _items[index] = value;
        }
    }

    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            var grown = new T[_items.Length * 2];
            for (int index = 0; index < _count; index++) grown[index] = _items[index];
            _items = grown;
        }
        _items[_count++] = item;
    }

    public void AddRange(IEnumerable<T> items)
    {
        foreach (T item in items) Add(item);
    }

    public void Insert(int index, T item)
    {
        if ((uint)index > (uint)_count) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
        Add(item);
        for (int at = _count - 1; at > index; at--) _items[at] = _items[at - 1];
        _items[index] = item;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
        for (int at = index; at < _count - 1; at++) _items[at] = _items[at + 1];
        _items[--_count] = default!;
    }

    public int RemoveAll(Predicate<T> match)
    {
        int kept = 0;
        for (int index = 0; index < _count; index++)
        {
            if (!match(_items[index])) _items[kept++] = _items[index];
        }
        int removed = _count - kept;
        for (int index = kept; index < _count; index++) _items[index] = default!;
        _count = kept;
        return removed;
    }

    public bool Exists(Predicate<T> match) => FindIndex(match) >= 0;

    public int FindIndex(Predicate<T> match)
    {
        for (int index = 0; index < _count; index++)
        {
            if (match(_items[index])) return index;
        }
        return -1;
    }

    public void Clear()
    {
        for (int index = 0; index < _count; index++) _items[index] = default!;
        _count = 0;
    }

    public T[] ToArray() => new ReadOnlySpan<T>(_items, 0, _count).ToArray();

    /// <summary>A struct enumerator for `foreach` over a List (no allocation); interface users get a class one.</summary>
    public Enumerator GetEnumerator() => new Enumerator(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => new ListEnumerator<T>(_items, _count);

    Collections.IEnumerator Collections.IEnumerable.GetEnumerator() => new ListEnumerator<T>(_items, _count);

    public struct Enumerator
    {
        private readonly List<T> _list;
        private int _index;

        internal Enumerator(List<T> list)
        {
            _list = list;
            _index = -1;
        }

        public bool MoveNext() => ++_index < _list._count;

        public readonly T Current => _list._items[_index];
    }
}
