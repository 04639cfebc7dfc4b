using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Kaal.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Kaal.Sdk.Analyzers.Tests;

/// <summary>EnumNamesGenerator writes the SDK's enum names from the enums themselves: every member is named as
/// ToString() names it, a member added to an enum is named with no other edit, and an attribute it cannot serve fails
/// the build with KAAL0003 naming the class and the reason. Each snippet is compiled with the SDK's real
/// EnumNamesForAttribute source and the generator, then run.</summary>
public sealed class EnumNamesGeneratorTests
{
    private const string Declaration = """
        namespace Snippet;

        [Kaal.Sdk.EnumNamesFor(typeof(Colour))]
        public static partial class Names;
        """;

    [Fact]
    public void Every_member_is_named_as_ToString_names_it()
    {
        Assembly built = Build("public enum Colour : byte { Red, Green = 7, Blue }", Declaration);
        Assert.Equal(["Red", "Green", "Blue"], NamesOf(built, "Colour"));
        Assert.Equal(Enum.GetNames(built.GetType("Snippet.Colour")!), NamesOf(built, "Colour"));
    }

    [Fact]
    public void A_member_added_to_the_enum_is_named_without_any_other_edit()
    {
        Assert.Equal(["Red", "Green"], NamesOf(Build("public enum Colour { Red, Green }", Declaration), "Colour"));
        Assert.Equal(["Red", "Green", "Violet"], NamesOf(Build("public enum Colour { Red, Green, Violet }", Declaration), "Colour"));
    }

    [Fact]
    public void A_value_outside_the_enum_is_written_as_its_number()
    {
        Assembly built = Build("""
            public enum Colour { Red }
            public enum Size : long { Small = -5, Large = 1L << 40 }
            """, """
            namespace Snippet;

            [Kaal.Sdk.EnumNamesFor(typeof(Colour))]
            [Kaal.Sdk.EnumNamesFor(typeof(Size))]
            public static partial class Names;
            """);
        Assert.Equal("42", Name(built, "Name", Value(built, "Colour", 42)));
        Assert.Equal("Small", Name(built, "Name", Value(built, "Size", -5L)));
        Assert.Equal("-6", Name(built, "Name", Value(built, "Size", -6L)));
        Assert.Equal("2199023255552", Name(built, "Name", Value(built, "Size", 1L << 41)));
    }

    [Fact]
    public void A_method_name_and_lower_case_give_the_manifest_s_words()
    {
        Assembly built = Build("public enum Role { Producer, Consumer }", """
            namespace Snippet;

            [Kaal.Sdk.EnumNamesFor(typeof(Role), Method = "Word", LowerCase = true)]
            public static partial class Names;
            """);
        Assert.Equal("producer", Name(built, "Word", Value(built, "Role", 0)));
        Assert.Equal("consumer", Name(built, "Word", Value(built, "Role", 1)));
    }

    [Fact]
    public void A_value_two_members_share_is_named_once_by_the_first()
    {
        Assembly built = Build("public enum Colour { Red = 1, Crimson = 1, Green }", Declaration);
        Assert.Equal("Red", Name(built, "Name", Value(built, "Colour", 1)));
        Assert.Equal("Green", Name(built, "Name", Value(built, "Colour", 2)));
    }

    [Theory]
    [InlineData("public struct Colour { }", "[EnumNamesFor(typeof(Colour))]", "'Snippet.Colour' is not an enum")]
    [InlineData("[System.Flags] public enum Colour { Red = 1, Green = 2 }", "[EnumNamesFor(typeof(Colour))]", "'Snippet.Colour' is a [Flags] enum")]
    [InlineData("public enum Colour { Red }", "[EnumNamesFor(typeof(Colour))] public partial class Names;", "the class must be a top-level static partial class")]
    public void An_attribute_the_generator_cannot_serve_is_an_error_naming_the_class_and_why(string type, string attributeOrClass, string reason)
    {
        string declaration = attributeOrClass.EndsWith(';')
            ? $"namespace Snippet;\nusing Kaal.Sdk;\n{attributeOrClass}"
            : $"namespace Snippet;\nusing Kaal.Sdk;\n{attributeOrClass}\npublic static partial class Names;";
        (_, IReadOnlyList<Diagnostic> diagnostics) = Generate(type, declaration);
        Diagnostic error = Assert.Single(diagnostics);
        Assert.Equal("KAAL0003", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.StartsWith("[EnumNamesFor] on 'Snippet.Names': ", error.GetMessage());
        Assert.Contains(reason, error.GetMessage());
    }

    /// <summary>Every value's name, in the order of Enum.GetValues (the generated function called for each).</summary>
    private static string[] NamesOf(Assembly built, string enumName)
    {
        Type type = built.GetType($"Snippet.{enumName}")!;
        return Enum.GetValues(type).Cast<object>().Select(value => Name(built, "Name", value)).ToArray();
    }

    private static object Value(Assembly built, string enumName, long number) => Enum.ToObject(built.GetType($"Snippet.{enumName}")!, number);

    private static string Name(Assembly built, string method, object value) =>
        (string)built.GetType("Snippet.Names")!.GetMethod(method, [value.GetType()])!.Invoke(null, [value])!;

    private static Assembly Build(string enums, string declaration)
    {
        (Compilation compilation, IReadOnlyList<Diagnostic> diagnostics) = Generate(enums, declaration);
        Assert.Empty(diagnostics);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext("enum-names-snippet", isCollectible: true).LoadFromStream(image);
    }

    /// <summary>The snippet compiled with the SDK's attribute and the generator's output; the generator's diagnostics.</summary>
    private static (Compilation Compilation, IReadOnlyList<Diagnostic> Diagnostics) Generate(string enums, string declaration)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        string attribute = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Kaal.Sdk", "EnumNamesForAttribute.cs"));
        SyntaxTree[] trees = [.. new[] { attribute, $"namespace Snippet;\n{enums}", declaration }.Select(text => CSharpSyntaxTree.ParseText(text, parse))];
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        CSharpCompilation compilation = CSharpCompilation.Create("EnumNamesSnippet", trees, AnalyzerRun.References, options);
        CSharpGeneratorDriver.Create(new EnumNamesGenerator()).WithUpdatedParseOptions(parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out var diagnostics);
        return (generated, diagnostics);
    }
}
