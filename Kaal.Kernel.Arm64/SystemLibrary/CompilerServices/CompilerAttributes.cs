namespace System.Runtime.CompilerServices;

// Attributes the C# compiler and ILC look up by name in the system library.

/// <summary>Gives an indexer its metadata name (String's is "Chars").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IndexerNameAttribute : Attribute
{
    public IndexerNameAttribute(string indexerName)
    {
    }
}

/// <summary>Required by C# for extension methods.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly)]
public sealed class ExtensionAttribute : Attribute
{
}

/// <summary>Marks methods whose IL ILC supplies itself.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Field)]
internal sealed class IntrinsicAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor)]
public sealed class MethodImplAttribute : Attribute
{
    public MethodImplAttribute(MethodImplOptions methodImplOptions)
    {
        Value = methodImplOptions;
    }

    public MethodImplOptions Value { get; }
}

[Flags]
public enum MethodImplOptions
{
    NoInlining = 0x0008,
    NoOptimization = 0x0040,
    AggressiveInlining = 0x0100,
    InternalCall = 0x1000,
}
