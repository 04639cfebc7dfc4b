namespace System.Collections.Generic;

/// <summary>The enumerator of the first <c>count</c> items of an array: List&lt;T&gt; and arrays seen through an
/// interface hand out one (a class: interface consumers box enumerators anyway).</summary>
internal sealed class ListEnumerator<T>(T[] items, int count) : IEnumerator<T>
{
    private int _index = -1;

    public T Current => items[_index];

    object? Collections.IEnumerator.Current => Current;

    public bool MoveNext() => ++_index < count;

    public void Dispose()
    {
    }
}
