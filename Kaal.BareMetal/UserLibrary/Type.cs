namespace System;

/// <summary>
/// Just enough of Type for records: their synthesized Equals compares `EqualityContract` (`typeof(R)`).
/// A Type is its MethodTable; two Types are equal when their MethodTables are (there is no reflection).
/// </summary>
public sealed class Type
{
    private readonly nint _typeHandleValue;

    private Type(RuntimeTypeHandle handle)
    {
        _typeHandleValue = System.Runtime.CompilerServices.Unsafe.As<RuntimeTypeHandle, nint>(ref handle);
    }

    public static Type GetTypeFromHandle(RuntimeTypeHandle handle) => new Type(handle);

    public static bool operator ==(Type? left, Type? right) =>
        left is null || right is null ? (object?)left == right : left._typeHandleValue == right._typeHandleValue;

    public static bool operator !=(Type? left, Type? right) => !(left == right);

    public override bool Equals(object? obj) => obj is Type other && this == other;

    public override int GetHashCode() => 0;
}
