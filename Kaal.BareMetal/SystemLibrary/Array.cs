namespace System;

/// <summary>
/// Base of every array. ILC stores the element count right after the MethodTable pointer; C#'s
/// array.Length compiles to ldlen, which reads it. Only single-dimensional, zero-based arrays exist here.
/// </summary>
public abstract partial class Array
{
#pragma warning disable CS0649, CS0169 // written by the allocator (RhpNewArrayFast)
    private readonly int _length;
    private readonly int _padding;
#pragma warning restore CS0649, CS0169

    public int Length => _length;
}

/// <summary>ILC expects this type: it is the canonical base of T[] for the type system's array handling.</summary>
public partial class Array<T> : Array
{
}
