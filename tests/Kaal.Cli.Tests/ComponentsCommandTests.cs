using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Kaal.Sdk.Discovery;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal components table`: the EL0 image's dispatch table; with --manifest (what `kaal build` passes) only the
/// binaries that system names, so its image roots no component it does not run.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ComponentsCommandTests : IDisposable
{
    private readonly string _table = Path.Combine(Path.GetTempPath(), $"kaal-table-{Guid.NewGuid():N}.g.cs");

    [Fact]
    public void With_a_manifest_the_table_lists_only_the_binaries_it_names()
    {
        (int code, string output, string error) = Cli.Run("components", "table", "--no-project", "--out", _table,
            "--manifest", Path.Combine(RepositoryPaths.Root, "manifests", "test-components.toml"));
        Assert.True(code == 0, output + error);
        Assert.Equal(["system_init", "test_cap", "test_channel_stress", "test_fault", "test_memory"], Binaries());
        Assert.Contains($"5 component binaries of {Discovered.Length} discovered", output);
    }

    [Fact]
    public void Without_a_manifest_the_table_lists_every_discovered_binary()
    {
        (int code, string output, string error) = Cli.Run("components", "table", "--no-project", "--out", _table);
        Assert.True(code == 0, output + error);
        Assert.Equal(Discovered, Binaries().Order(StringComparer.Ordinal));
        Assert.Contains("ipc_producer", Binaries());
    }

    [Fact]
    public void A_manifest_with_problems_writes_no_table_and_names_them()
    {
        string manifest = Path.Combine(Path.GetTempPath(), $"kaal-table-{Guid.NewGuid():N}.toml");
        File.WriteAllText(manifest, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "components.toml")).Replace("binary = \"ipc_producer\"", "binary = \"ipc_prodcer\""));
        try
        {
            (int code, _, string error) = Cli.Run("components", "table", "--no-project", "--out", _table, "--manifest", manifest);
            Assert.Equal(2, code);
            Assert.Contains("unknown binary \"ipc_prodcer\"", error);
            Assert.False(File.Exists(_table));
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    public void Dispose() => File.Delete(_table);

    private static string[] Discovered { get; } = ComponentDiscovery.FromAssemblies(typeof(Kaal.Components.Supervision.SystemInit).Assembly)
        .All.Select(component => component.Binary).Order(StringComparer.Ordinal).ToArray();

    private string[] Binaries() =>
        Regex.Matches(File.ReadAllText(_table), "if \\(binary == \"([a-z0-9_]+)\"\\)").Select(match => match.Groups[1].Value).ToArray();
}
