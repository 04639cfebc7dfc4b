namespace System;

/// <summary>A part of an array: an image inside the registry, one page of a data region.</summary>
public readonly struct ArraySegment<T>
{
    private readonly T[] _array;
    private readonly int _offset;
    private readonly int _count;

    public ArraySegment(T[] array) : this(array, 0, array.Length)
    {
    }

    public ArraySegment(T[] array, int offset, int count)
    {
        if ((uint)offset > (uint)array.Length || (uint)count > (uint)(array.Length - offset)) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
        _array = array;
        _offset = offset;
        _count = count;
    }

    public T[]? Array => _array;

    public int Offset => _offset;

    public int Count => _count;

    public Span<T>.Enumerator GetEnumerator() => new Span<T>(_array, _offset, _count).GetEnumerator();

    public static implicit operator ReadOnlySpan<T>(ArraySegment<T> segment) => new ReadOnlySpan<T>(segment._array, segment._offset, segment._count);
}
