using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Kaal.Sdk.Analyzers.Tests;

/// <summary>KAAL0001: a BCL type or member the EL0 runtime lacks fails the build, named, with what to use instead.</summary>
public sealed class El0ApiAnalyzerTests
{
    [Fact]
    public void HashSet_is_an_error_naming_it_and_the_EL0_alternative()
    {
        IReadOnlyList<Diagnostic> found = AnalyzerRun.InComponent("var seen = new HashSet<uint>();");
        Diagnostic error = Assert.Single(found);
        Assert.Equal("KAAL0001", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        string message = error.GetMessage();
        Assert.Contains("'System.Collections.Generic.HashSet<T>' is not available in the EL0 runtime", message);
        Assert.Contains("Dictionary<T, bool>", message);
        Assert.Equal("HashSet<uint>", Snippet(error));
    }

    [Fact]
    public void A_missing_member_of_a_type_EL0_has_lists_what_the_type_offers()
    {
        Diagnostic error = Assert.Single(AnalyzerRun.InComponent("var items = new List<int>(); items.Reverse();"));
        Assert.Contains("'System.Collections.Generic.List<T>.Reverse()' is not available", error.GetMessage());
        Assert.Contains("EL0's System.Collections.Generic.List<T> offers Add, AddRange, Clear, Count", error.GetMessage());
    }

    [Fact]
    public void A_missing_overload_lists_the_overloads_EL0_has()
    {
        Diagnostic error = Assert.Single(AnalyzerRun.InComponent("uint value = 7; string text = value.ToString(\"X\");"));
        Assert.Contains("'uint.ToString(string?)' is not available", error.GetMessage());
        Assert.Contains("EL0 has uint.ToString()", error.GetMessage());
    }

    [Fact]
    public void Linq_is_an_error_with_the_namespace_advice()
    {
        IReadOnlyList<Diagnostic> found = AnalyzerRun.InComponent("var items = new List<int>(); int big = items.Where(item => item > 2).Count();");
        Assert.Equal(2, found.Count);
        Assert.Contains("'System.Linq.Enumerable.Where<TSource>(", found[0].GetMessage());
        Assert.Contains("'System.Linq.Enumerable.Count<TSource>(", found[1].GetMessage());
        Assert.All(found, error => Assert.Contains("EL0 has no LINQ", error.GetMessage()));
    }

    [Fact]
    public void A_static_member_of_a_missing_type_is_reported_once_at_the_type()
    {
        Diagnostic error = Assert.Single(AnalyzerRun.InComponent("System.Console.WriteLine(\"hi\");"));
        Assert.Contains("'System.Console'", error.GetMessage());
        Assert.Contains("Console.WriteLineAsync", error.GetMessage());
    }

    [Fact]
    public void What_EL0_offers_passes_including_inherited_members_and_implicitly_converted_overloads()
    {
        Assert.Empty(AnalyzerRun.InComponent("""
            var table = new Dictionary<string, uint>();
            var sorted = new SortedDictionary<string, uint>(StringComparer.Ordinal);
            table["a"] = 1;
            if (table.TryGetValue("a", out uint value) && table.Count == 1 && table.ContainsKey("a")) { }
            var items = new List<(uint Id, string Name)>();
            items.Add((1, "one"));
            uint first = items[0].Id;
            uint smaller = (uint)Math.Min(first, 2u);
            Span<byte> bytes = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, smaller);
            int index = Array.IndexOf(new[] { 1, 2 }, 2);
            string text = $"{first} {smaller:X} {index:X8} {items.Count} {true}";
            """));
    }

    [Fact]
    public void Names_in_nameof_and_doc_comments_are_not_uses()
    {
        Assert.Empty(AnalyzerRun.InComponent("string name = nameof(HashSet<int>);", "/// <summary>Not a <see cref=\"HashSet{T}\"/>.</summary> public int Documented => 0;"));
    }

    [Fact]
    public void An_assembly_without_a_component_is_not_checked_unless_its_project_asks()
    {
        const string library = "public static class Helper { public static int Size() => new System.Collections.Generic.HashSet<int>().Count; }";
        Assert.Empty(AnalyzerRun.Diagnostics(null, library));
        Assert.Single(AnalyzerRun.Diagnostics("true", library), diagnostic => diagnostic.Id == "KAAL0001");
    }

    [Fact]
    public void KaalEl0Check_false_turns_the_check_off_for_a_component_assembly()
    {
        const string component = """
            using System.Threading.Tasks;
            public sealed class Host : Kaal.Sdk.Runtime.Component
            {
                public override Task RunAsync() => Task.FromResult(new System.Collections.Generic.HashSet<int>().Count);
            }
            """;
        Assert.NotEmpty(AnalyzerRun.Diagnostics(null, component));
        Assert.Empty(AnalyzerRun.Diagnostics("false", component));
    }

    private static string Snippet(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
