using Kaal.Tests.Shared;
using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Kaal.Sdk.Analyzers.Tests;

/// <summary>What EL0 offers comes from the EL0 library's own sources, and every component of this repository passes.</summary>
public sealed class El0LibraryTests
{
    [Fact]
    public void The_library_is_every_source_file_the_EL0_image_compiles_and_declares_what_they_declare()
    {
        int expected = Directory.GetFiles(Path.Combine(Root, "Kaal.BareMetal", "SystemLibrary"), "*.cs", SearchOption.AllDirectories).Length
            + Directory.GetFiles(Path.Combine(Root, "Kaal.BareMetal", "UserLibrary"), "*.cs", SearchOption.AllDirectories).Length;
        El0Library library = El0Library.Instance;
        Assert.Equal(expected, library.SourceFileCount);
        Assert.NotNull(library.Compilation.GetTypeByMetadataName("System.Collections.Generic.List`1"));
        Assert.Null(library.Compilation.GetTypeByMetadataName("System.Collections.Generic.HashSet`1"));
        Assert.Equal(SpecialType.System_Object, library.Compilation.GetTypeByMetadataName("System.Object")!.SpecialType);
    }

    [Fact]
    public void Every_piece_of_advice_is_for_something_EL0_lacks()
    {
        El0Library library = El0Library.Instance;
        Assert.NotEmpty(library.Alternatives);
        foreach (string api in library.Alternatives.Keys)
        {
            if (api.StartsWith("N:", StringComparison.Ordinal))
            {
                Assert.Empty(library.TypeNames(api.Substring(2)));
                continue;
            }
            Assert.StartsWith("T:", api);
            Assert.True(library.Compilation.GetTypeByMetadataName(api.Substring(2)) is null, $"{api} has advice but EL0 offers it");
        }
    }

    [Fact]
    public void Every_component_of_this_repository_passes()
    {
        string folder = Path.Combine(Root, "Kaal.Components");
        string[] sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToArray();
        Assert.True(sources.Length > 10, $"only {sources.Length} sources under {folder}");
        Assert.Empty(AnalyzerRun.Diagnostics(null, sources).Select(diagnostic => diagnostic.ToString()));
        // The same sources with a HashSet added do fail: the run above did check them.
        Assert.NotEmpty(AnalyzerRun.Diagnostics(null, [.. sources, "static class Probe { static int Size() => new System.Collections.Generic.HashSet<int>().Count; }"]));
    }

    private static string Root => RepositoryPaths.Root;
}
