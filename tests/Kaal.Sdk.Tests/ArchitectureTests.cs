using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Sdk.Tests;

/// <summary>Dependencies point down: every use of another project's folder in a product project's build files goes to a
/// lower layer of docs/architecture.md, or is one of its "Known upward edges" (and every such row still exists).</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string ArchitecturePage = Path.Combine(RepositoryPaths.Root, "docs", "architecture.md");

    [Fact]
    public void Every_product_project_has_a_layer()
    {
        Dictionary<string, int> layers = Layers();
        string[] unplaced = ProductProjects().Keys.Where(project => !layers.ContainsKey(project)).ToArray();
        Assert.True(unplaced.Length == 0, $"projects without a layer in docs/architecture.md: {string.Join(", ", unplaced)} (add a row to its Layers table)");
    }

    [Fact]
    public void No_product_project_uses_the_tests_folder()
    {
        string[] offenders = ProductProjects().Where(project => UsedFolders(project.Value).Contains("tests")).Select(project => project.Key).ToArray();
        Assert.True(offenders.Length == 0, $"product projects using tests/: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Every_edge_points_down_or_is_a_known_upward_edge()
    {
        HashSet<string> known = KnownUpwardEdges();
        string[] unexpected = UpwardEdges().Where(edge => !known.Contains(edge)).ToArray();
        Assert.True(unexpected.Length == 0,
            $"edges that go up or sideways: {string.Join("; ", unexpected)}. A project may use only projects of a lower layer (docs/architecture.md).");
    }

    [Fact]
    public void Every_known_upward_edge_still_exists()
    {
        HashSet<string> actual = UpwardEdges().ToHashSet();
        string[] stale = KnownUpwardEdges().Where(edge => !actual.Contains(edge)).ToArray();
        Assert.True(stale.Length == 0, $"docs/architecture.md lists edges that no longer exist: {string.Join("; ", stale)} (delete their rows)");
    }

    [Fact]
    public void An_upward_edge_is_detected()
    {
        // The detector itself: a Sim project file that reached into the CLI would be one upward edge.
        string folder = Directory.CreateTempSubdirectory("kaal-architecture-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Kaal.Sim.csproj"), """<Project><ItemGroup><ProjectReference Include="../Kaal.Cli/Kaal.Cli.csproj" /><Compile Include="../../tests/Shared/X.cs" /></ItemGroup></Project>""");
            Assert.Equal(new[] { "Kaal.Cli", "tests" }, UsedFolders(folder).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<string> UpwardEdges()
    {
        Dictionary<string, int> layers = Layers();
        foreach ((string project, string folder) in ProductProjects().OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!layers.TryGetValue(project, out int layer)) continue;
            foreach (string used in UsedFolders(folder).Order(StringComparer.Ordinal))
            {
                if (used != project && layers.TryGetValue(used, out int usedLayer) && usedLayer >= layer) yield return $"{project} → {used}";
            }
        }
    }

    /// <summary>Product projects by name: each `.csproj` outside tests/, build outputs and template content.</summary>
    private static Dictionary<string, string> ProductProjects()
    {
        var projects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(RepositoryPaths.Root, "*.csproj", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
            if (relative.StartsWith("tests/", StringComparison.Ordinal) || relative.StartsWith("artifacts/", StringComparison.Ordinal)
                || relative.Contains("/content/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)
                || relative.Contains("/obj/", StringComparison.Ordinal))
            {
                continue;
            }
            projects.Add(Path.GetFileNameWithoutExtension(path), Path.GetDirectoryName(path)!);
        }
        return projects;
    }

    /// <summary>The repository folders a project's build files name in a relative path (`../Kaal.Cli/...`).</summary>
    private static HashSet<string> UsedFolders(string projectFolder)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<string> buildFiles = Directory.EnumerateFiles(projectFolder, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".csproj", StringComparison.Ordinal) || path.EndsWith(".targets", StringComparison.Ordinal) || path.EndsWith(".props", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !path.Contains($"{Path.DirectorySeparatorChar}content{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (string file in buildFiles)
        {
            foreach (Match match in RelativeFolder().Matches(File.ReadAllText(file))) used.Add(match.Groups[1].Value);
        }
        return used;
    }

    private static Dictionary<string, int> Layers()
    {
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match row in LayerRow().Matches(File.ReadAllText(ArchitecturePage))) layers.Add(row.Groups[1].Value, int.Parse(row.Groups[2].Value));
        Assert.True(layers.Count > 0, $"no Layers table rows found in {ArchitecturePage}");
        return layers;
    }

    private static HashSet<string> KnownUpwardEdges() =>
        KnownEdgeRow().Matches(File.ReadAllText(ArchitecturePage)).Select(row => $"{row.Groups[1].Value} → {row.Groups[2].Value}").ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(?:\.\./)+([A-Za-z0-9_.]+)/")]
    private static partial Regex RelativeFolder();

    [GeneratedRegex(@"^\| `([A-Za-z0-9_.]+)` \| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex LayerRow();

    [GeneratedRegex(@"^\| `([A-Za-z0-9_.]+)` → `([A-Za-z0-9_.]+)` \|", RegexOptions.Multiline)]
    private static partial Regex KnownEdgeRow();
}
