namespace System;

/// <summary>Base of every enum. Enums are used as plain integers (including [Flags] with bitwise
/// operators); name lookup, parsing and HasFlag need metadata the kernel does not carry.</summary>
public abstract partial class Enum : ValueType
{
}
