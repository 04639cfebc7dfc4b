using System;
using System.IO;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal manifest check` exit codes: 0 clean, 1 problems (each as file:line:col: error: ...), 2 unreadable file.</summary>
[Collection("Console")]
public sealed class ManifestCommandTests
{
    private static string RepositoryManifest() => Path.Combine(RepositoryPaths.Root, "components.toml");

    [Fact]
    public void The_repository_manifest_is_clean()
    {
        (int code, string output, _) = Cli.Run("manifest", "check", RepositoryManifest());
        Assert.Equal(0, code);
        Assert.Contains("ok, 5 components", output);
    }

    [Fact]
    public void Problems_exit_1_one_per_line_with_a_summary()
    {
        string file = Path.Combine(Path.GetTempPath(), $"kaal-manifest-{Guid.NewGuid():N}.toml");
        try
        {
            File.WriteAllText(file, File.ReadAllText(RepositoryManifest()).Replace("priority = 200", "priority = \"high\"").Replace("platform = \"qemu-virt\"", "platfrom = \"qemu-virt\""));
            (int code, string output, _) = Cli.Run("manifest", "check", file);
            Assert.Equal(1, code);
            Assert.Contains($"{file}:6:1: error: unknown key 'platfrom' in [system]; did you mean 'platform'?", output);
            Assert.Contains($"{file}:31:12: error: priority must be an integer, got string \"high\"", output);
            Assert.Contains($"{file}: 2 problems", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_unreadable_file_exits_2()
    {
        (int code, _, string error) = Cli.Run("manifest", "check", "/no/such/components.toml");
        Assert.Equal(2, code);
        Assert.Contains("cannot read manifest '/no/such/components.toml'", error);
    }
}
