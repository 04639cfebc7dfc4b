namespace System;

/// <summary>ILC's unboxing helper (RhUnboxNullable) is written against this layout: hasValue, then value.</summary>
#pragma warning disable CS0649 // written by compiled code, never by C# here
public struct Nullable<T> where T : struct
{
    private readonly bool hasValue;
    internal T value;

    public readonly bool HasValue => hasValue;
}
