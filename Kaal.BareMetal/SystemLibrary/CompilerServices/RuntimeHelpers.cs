namespace System.Runtime.CompilerServices;

/// <summary>Helpers the C# compiler emits calls to.</summary>
public static class RuntimeHelpers
{
    /// <summary>Copies a constant array initializer (new T[] { ... }) from the image; the JIT expands it
    /// into a block copy from the RuntimeFieldHandle's data, so this body never runs.</summary>
    [Intrinsic]
    public static extern void InitializeArray(Array array, RuntimeFieldHandle fldHandle);
}
