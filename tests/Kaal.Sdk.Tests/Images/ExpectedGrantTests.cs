using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Sdk.Images;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Registry;
using Xunit;

namespace Kaal.Sdk.Tests.Images;

/// <summary>The loader's check on the CPU (<see cref="ExpectedGrant"/>, on registry grants) and the host validator's
/// (<see cref="ExpectedCapability"/>, on manifest capabilities) must decide alike, or a manifest `kaal manifest check`
/// passes would fail to spawn.</summary>
public sealed class ExpectedGrantTests
{
    public static IEnumerable<object[]> Manifests()
    {
        string root = Directory.GetCurrentDirectory();
        while (!File.Exists(Path.Combine(root, "Kaal.sln"))) root = Path.GetDirectoryName(root)!;
        yield return [Path.Combine(root, "components.toml")];
        foreach (string path in Directory.GetFiles(Path.Combine(root, "manifests"), "*.toml").Order()) yield return [path];
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void The_loader_and_the_validator_agree_on_every_expectation_against_every_component_of_a_manifest(string path)
    {
        (SystemManifest manifest, _) = ManifestChecker.CheckFile(path, TestBinaries.Repository);
        int granted = 0, refused = 0;
        foreach (ComponentSpec component in manifest.Components)
        {
            Grant[] grants = component.Capabilities
                .Select(capability => RegistryWriter.GrantForm(capability, "test"))
                .Select(form => new Grant(form.Kind, form.Role, form.Name, form.A, form.B)).ToArray();
            foreach (ExpectedCapability expected in TestBinaries.Repository.All.SelectMany(binary => binary.Expects).Concat(Extra()))
            {
                bool host = expected.IsGrantedBy(component.Capabilities);
                Assert.True(host == expected.ToGrant().IsGrantedBy(grants), $"{path}: '{component.Name}' and \"{expected.Text}\": the validator says {host}");
                if (host) granted++;
                else refused++;
            }
        }
        Assert.True(granted > 0 && refused > 0, $"{granted} granted, {refused} refused: the comparison must see both");
    }

    private static IEnumerable<ExpectedCapability> Extra() =>
        new[] { "memory:allocate:64K", "memory:allocate:1G", "memory_map:0x0900_0000:0x1000", "memory_map:0x0900_1000:0x1000", "memory_map:0x0800_0000:0x200_0000", "interrupt:33", "interrupt:34", "process:destroy", "system:shutdown" }
            .Select(text => ExpectedCapability.Parse(text, out _)!);
}
