#pragma warning disable CS8500 // pointers to T: Span over raw memory, as the BCL does
using System.Runtime.CompilerServices;

namespace System;

/// <summary>A window on an array or on raw memory: indexing (bounds-checked), slicing, copying, clearing.</summary>
public readonly ref struct Span<T>
{
    private readonly ref T _reference;
    private readonly int _length;

    public unsafe Span(void* pointer, int length)
    {
        _reference = ref *(T*)pointer;
        _length = length;
    }

    public Span(T[] array) : this(array, 0, array.Length)
    {
    }

    public unsafe Span(T[] array, int start, int length)
    {
        if ((uint)start > (uint)array.Length || (uint)length > (uint)(array.Length - start)) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
        fixed (T* first = array)
        {
            _reference = ref *(first + start);
        }
        _length = length;
    }

    internal Span(ref T reference, int length)
    {
        _reference = ref reference;
        _length = length;
    }

    public int Length => _length;

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException();
            return ref Unsafe.Add(ref _reference, index);
        }
    }

    public Span<T> Slice(int start) => Slice(start, _length - start);

    public Span<T> Slice(int start, int length)
    {
        if ((uint)start > (uint)_length || (uint)length > (uint)(_length - start)) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
        return new Span<T>(ref Unsafe.Add(ref _reference, start), length);
    }

    public void Clear()
    {
        for (int index = 0; index < _length; index++) Unsafe.Add(ref _reference, index) = default!;
    }

    public void CopyTo(Span<T> destination) => ((ReadOnlySpan<T>)this).CopyTo(destination);

    public T[] ToArray() => ((ReadOnlySpan<T>)this).ToArray();

    public Enumerator GetEnumerator() => new Enumerator(this);

    public static implicit operator Span<T>(T[] array) => new Span<T>(array);

    public static implicit operator ReadOnlySpan<T>(Span<T> span) => new ReadOnlySpan<T>(ref span._reference, span._length);

    internal ref T Reference => ref _reference;

    /// <summary>`foreach` over a span (and over an ArraySegment, which hands out one).</summary>
    public ref struct Enumerator
    {
        private readonly Span<T> _span;
        private int _index;

        internal Enumerator(Span<T> span)
        {
            _span = span;
            _index = -1;
        }

        public bool MoveNext() => ++_index < _span.Length;

        public readonly ref T Current => ref _span[_index];
    }
}

/// <summary>A read-only window: what the readers of the arguments page, the registry and the boot info take.</summary>
public readonly ref struct ReadOnlySpan<T>
{
    private readonly ref T _reference;
    private readonly int _length;

    internal ReadOnlySpan(ref T reference, int length)
    {
        _reference = ref reference;
        _length = length;
    }

    public ReadOnlySpan(T[] array, int start, int length)
    {
        this = new Span<T>(array, start, length);
    }

    public int Length => _length;

    public ref readonly T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException();
            return ref Unsafe.Add(ref _reference, index);
        }
    }

    public ReadOnlySpan<T> Slice(int start) => Slice(start, _length - start);

    public ReadOnlySpan<T> Slice(int start, int length)
    {
        if ((uint)start > (uint)_length || (uint)length > (uint)(_length - start)) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
        return new ReadOnlySpan<T>(ref Unsafe.Add(ref _reference, start), length);
    }

    public void CopyTo(Span<T> destination)
    {
        if (destination.Length < _length) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentException();
        for (int index = 0; index < _length; index++) destination[index] = Unsafe.Add(ref _reference, index);
    }

    public T[] ToArray()
    {
        var copy = new T[_length];
        CopyTo(copy);
        return copy;
    }

    internal ref T Reference => ref _reference;

    public static implicit operator ReadOnlySpan<T>(T[] array) => new Span<T>(array);
}
