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

/// <summary>Marks methods whose IL ILC supplies itself.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Field)]
internal sealed class IntrinsicAttribute : Attribute
{
}
