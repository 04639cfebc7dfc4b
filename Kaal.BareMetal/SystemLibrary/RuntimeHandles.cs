namespace System;

// Handles the C# compiler references for ldtoken: typeof (RuntimeTypeHandle), array initializers
// (RuntimeFieldHandle) and method tokens. ILC gives each the address of the native structure.
#pragma warning disable CS0169 // filled by ILC

public readonly struct RuntimeTypeHandle
{
    private readonly IntPtr _value;
}

public readonly struct RuntimeMethodHandle
{
    private readonly IntPtr _value;
}

public readonly struct RuntimeFieldHandle
{
    private readonly IntPtr _value;
}
