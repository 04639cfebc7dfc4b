namespace System;

/// <summary>Typed ordering: what Comparer&lt;T&gt;.Default uses (SortedDictionary keyed by ulong, string).</summary>
public interface IComparable<in T>
{
    int CompareTo(T? other);
}
