namespace System;

/// <summary>Typed equality: records implement it, EqualityComparer uses it (no boxing for the primitives).</summary>
public interface IEquatable<T>
{
    bool Equals(T? other);
}
