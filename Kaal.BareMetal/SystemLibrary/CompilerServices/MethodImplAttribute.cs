namespace System.Runtime.CompilerServices;

/// <summary>How a method is compiled. The C# compiler turns the attribute into method metadata flags
/// (it is a pseudo-attribute), which ILC reads: the Model marks its few hot accessors AggressiveInlining.</summary>
[Flags]
public enum MethodImplOptions
{
    Unmanaged = 0x0004,
    NoInlining = 0x0008,
    ForwardRef = 0x0010,
    Synchronized = 0x0020,
    NoOptimization = 0x0040,
    PreserveSig = 0x0080,
    AggressiveInlining = 0x0100,
    AggressiveOptimization = 0x0200,
    InternalCall = 0x1000,
}

[AttributeUsage(AttributeTargets.Constructor | AttributeTargets.Method, Inherited = false)]
public sealed class MethodImplAttribute : Attribute
{
    public MethodImplAttribute(MethodImplOptions methodImplOptions)
    {
        Value = methodImplOptions;
    }

    public MethodImplOptions Value { get; }
}
