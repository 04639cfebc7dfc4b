#pragma warning disable CS8500 // pointers to T: Span over raw memory, as the BCL does
namespace System;

/// <summary>Minimal Span: what ISysBackend's private copies need (indexing, length, slicing).</summary>
public readonly ref struct Span<T>
{
    private readonly ref T _reference;
    private readonly int _length;

    public unsafe Span(void* pointer, int length)
    {
        _reference = ref *(T*)pointer;
        _length = length;
    }

    public Span(T[] array)
    {
        _reference = ref array[0];
        _length = array.Length;
    }

    public int Length => _length;

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length)
            {
                Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException();
            }
            return ref System.Runtime.CompilerServices.Unsafe.Add(ref _reference, index);
        }
    }

    public static implicit operator ReadOnlySpan<T>(Span<T> span) => new ReadOnlySpan<T>(ref span._reference, span._length);
}

public readonly ref struct ReadOnlySpan<T>
{
    private readonly ref T _reference;
    private readonly int _length;

    internal ReadOnlySpan(ref T reference, int length)
    {
        _reference = ref reference;
        _length = length;
    }

    public int Length => _length;

    public ref readonly T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length)
            {
                Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException();
            }
            return ref System.Runtime.CompilerServices.Unsafe.Add(ref _reference, index);
        }
    }
}
