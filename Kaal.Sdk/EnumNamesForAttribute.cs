using System;

namespace Kaal.Sdk;

/// <summary>Asks Kaal.Sdk.Analyzers' EnumNamesGenerator for a reflection-free name function of an enum on the static
/// partial class it is put on (<see cref="EnumNames"/>): <c>public static string Name(this E value)</c>, or the method
/// <see cref="Method"/> names, each value's member name as <c>ToString()</c> writes it (in lower case with
/// <see cref="LowerCase"/>). Internal: only the SDK's own names are generated.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
internal sealed class EnumNamesForAttribute(Type enumType) : Attribute
{
    public Type EnumType { get; } = enumType;

    /// <summary>The generated method's name (default <c>Name</c>).</summary>
    public string Method { get; set; } = "Name";

    /// <summary>Write each member's name in lower case (the manifest's words).</summary>
    public bool LowerCase { get; set; }
}
