namespace System.Runtime;

/// <summary>ILC exports a method marked with this under the given symbol name, with the managed calling
/// convention: how runtime helpers that compiled code calls by symbol (RhpNewFast, ...) are provided.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RuntimeExportAttribute : Attribute
{
    public RuntimeExportAttribute(string entry)
    {
    }
}
