namespace System;

/// <summary>
/// How T[] implements IReadOnlyList&lt;T&gt;: ILC gives every array type the interfaces of Array&lt;T&gt; and calls these
/// methods with the array as `this` (so `this` is really a T[]).
/// </summary>
public partial class Array<T> : Collections.Generic.IReadOnlyList<T>
{
    private T[] Items
    {
        get
        {
            object self = this;
            return System.Runtime.CompilerServices.Unsafe.As<T[]>(self);
        }
    }

    public int Count => Items.Length;

    public T this[int index] => Items[index];

    public Collections.Generic.IEnumerator<T> GetEnumerator() => new Collections.Generic.ListEnumerator<T>(Items, Items.Length);

    Collections.IEnumerator Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
