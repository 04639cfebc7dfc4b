namespace System.Runtime.CompilerServices;

// Types the C# compiler requires by name for language features the SDK and the components use: init and
// required members (records, SpawnRequest), tuple element names, interpolated string handlers. Metadata only.

/// <summary>Marks init-only setters (records' positional properties, `init` accessors).</summary>
public static class IsExternalInit
{
}

/// <summary>Marks a type with `required` members.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class RequiredMemberAttribute : Attribute
{
}

/// <summary>Tells older compilers a feature (required members) is needed to use the member.</summary>
[AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
public sealed class CompilerFeatureRequiredAttribute : Attribute
{
    public CompilerFeatureRequiredAttribute(string featureName)
    {
    }
}

/// <summary>Names of tuple elements in signatures (`(bool Received, T Item)`).</summary>
[AttributeUsage(AttributeTargets.All)]
public sealed class TupleElementNamesAttribute : Attribute
{
    public TupleElementNamesAttribute(string?[] transformNames)
    {
    }
}

/// <summary>Marks a type the compiler may build `$"..."` into.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class InterpolatedStringHandlerAttribute : Attribute
{
}

/// <summary>Marks extension methods (`array.AsSpan()`).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly)]
public sealed class ExtensionAttribute : Attribute
{
}
