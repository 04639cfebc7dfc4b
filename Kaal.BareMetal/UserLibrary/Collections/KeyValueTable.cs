namespace System.Collections.Generic;

/// <summary>
/// Keys and values in two lists, in the order <see cref="Locate"/> decides: the shared body of Dictionary
/// (insertion order, linear search: the tables here hold a handful of entries) and SortedDictionary (ordered by
/// a comparer, binary search). Enumeration order is therefore the same in every run.
/// </summary>
public abstract class KeyValueTable<TKey, TValue>
{
    private readonly List<TKey> _keys = new();
    private readonly List<TValue> _values = new();

    public int Count => _keys.Count;

    public IReadOnlyCollection<TKey> Keys => _keys;

    public IReadOnlyCollection<TValue> Values => _values;

    /// <summary>True and the key's index if present; otherwise false and where it would be inserted.</summary>
    private protected abstract bool Locate(TKey key, List<TKey> keys, out int index);

    public TValue this[TKey key]
    {
        get
        {
            if (!Locate(key, _keys, out int index)) Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("key not found in a dictionary");
            return _values[index];
        }
        set
        {
            if (Locate(key, _keys, out int index))
            {
                _values[index] = value;
                return;
            }
            _keys.Insert(index, key);
            _values.Insert(index, value);
        }
    }

    public void Add(TKey key, TValue value)
    {
        if (Locate(key, _keys, out int index)) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentException();
        _keys.Insert(index, key);
        _values.Insert(index, value);
    }

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (Locate(key, _keys, out int index))
        {
            value = _values[index];
            return true;
        }
        value = default!;
        return false;
    }

    public bool ContainsKey(TKey key) => Locate(key, _keys, out _);
}

/// <summary>A dictionary in insertion order (the BCL's is too, until something is removed).</summary>
public sealed class Dictionary<TKey, TValue> : KeyValueTable<TKey, TValue>
{
    private protected override bool Locate(TKey key, List<TKey> keys, out int index)
    {
        for (index = 0; index < keys.Count; index++)
        {
            if (EqualityComparer<TKey>.Default.Equals(keys[index], key)) return true;
        }
        return false;
    }
}

/// <summary>A dictionary ordered by its comparer (the default comparer when none is given).</summary>
public sealed class SortedDictionary<TKey, TValue>(IComparer<TKey> comparer) : KeyValueTable<TKey, TValue>
{
    public SortedDictionary() : this(Comparer<TKey>.Default)
    {
    }

    private protected override bool Locate(TKey key, List<TKey> keys, out int index)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            int middle = (low + high) / 2;
            int order = comparer.Compare(keys[middle], key);
            if (order == 0)
            {
                index = middle;
                return true;
            }
            if (order < 0) low = middle + 1;
            else high = middle;
        }
        index = low;
        return false;
    }
}
