namespace System;

/// <summary>
/// The root of every reference type. ILC lays an object out as [MethodTable*][instance fields], so the
/// MethodTable pointer must be the first (and only) field here.
/// </summary>
public unsafe partial class Object
{
#pragma warning disable CS0649, CS0169 // written by the allocator, read by ILC-generated code only
    internal Internal.Runtime.MethodTable* m_pEEType; // ILC's name: its enum Equals thunks read it
#pragma warning restore CS0649, CS0169

    public Object()
    {
    }

    /// <summary>Reference identity; value types override it.</summary>
    public virtual bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>There is no object header to hash; kernel code keys tables by index, never by object.
    /// (No ToString: formatting is outside the portable subset, so using it is a compile error here.)</summary>
    public virtual int GetHashCode() => 0;

    public static bool ReferenceEquals(object? left, object? right) => left == right;
}
