using System.Runtime.CompilerServices;

namespace System.Collections.Generic;

/// <summary>Equality for generic code (records, Expect&lt;T&gt;, Dictionary keys): IEquatable&lt;T&gt; when the type has it
/// (the primitives, strings, records); other value types (enums) compare their bytes, which is their value;
/// other classes compare with Equals(object).</summary>
public class EqualityComparer<T>
{
    public static EqualityComparer<T> Default { get; } = new EqualityComparer<T>();

    public virtual bool Equals(T? left, T? right)
    {
        if (left is null) return right is null;
        if (right is null) return false;
        if (left is IEquatable<T> equatable) return equatable.Equals(right);
        if (default(T) is not null) return BytesEqual(ref left, ref right);
        return left.Equals(right);
    }

    public virtual int GetHashCode(T? value) => value is null ? 0 : value.GetHashCode();

    private static bool BytesEqual(ref T left, ref T right)
    {
        ref byte leftBytes = ref Unsafe.As<T, byte>(ref left);
        ref byte rightBytes = ref Unsafe.As<T, byte>(ref right);
        for (int index = 0; index < Unsafe.SizeOf<T>(); index++)
        {
            if (Unsafe.Add(ref leftBytes, index) != Unsafe.Add(ref rightBytes, index)) return false;
        }
        return true;
    }
}

/// <summary>Ordering for generic code (SortedDictionary keys): IComparable&lt;T&gt; (the integer primitives).</summary>
public sealed class Comparer<T> : IComparer<T>
{
    public static Comparer<T> Default { get; } = new Comparer<T>();

    public int Compare(T? left, T? right)
    {
        if (left is IComparable<T> comparable) return comparable.CompareTo(right);
        Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("Comparer<T>.Default: the type is not IComparable<T>");
        return 0;
    }
}
