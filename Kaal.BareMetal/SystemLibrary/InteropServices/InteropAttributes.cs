namespace System.Runtime.InteropServices;

// Attributes for calls between managed code and the assembly parts of the kernel.

/// <summary>Exports a static method with the C calling convention under EntryPoint (called from asm).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UnmanagedCallersOnlyAttribute : Attribute
{
    public string? EntryPoint;
}

/// <summary>Declares an assembly function; with library "*" ILC emits a direct call to EntryPoint.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DllImportAttribute : Attribute
{
    public DllImportAttribute(string dllName)
    {
        Value = dllName;
    }

    public string Value { get; }

    public string? EntryPoint;
}

/// <summary>Calls without the GC transition frame: the assembly helpers are leaf functions.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SuppressGCTransitionAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class StructLayoutAttribute : Attribute
{
    public StructLayoutAttribute(LayoutKind layoutKind)
    {
        Value = layoutKind;
    }

    public LayoutKind Value { get; }

    public int Size;

    public int Pack;
}

public enum LayoutKind
{
    Sequential = 0,
    Explicit = 2,
    Auto = 3,
}

[AttributeUsage(AttributeTargets.Field)]
public sealed class FieldOffsetAttribute : Attribute
{
    public FieldOffsetAttribute(int offset)
    {
        Value = offset;
    }

    public int Value { get; }
}

/// <summary>The modreq on `in` parameters of virtual methods and on ref readonly returns.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class InAttribute : Attribute
{
}
