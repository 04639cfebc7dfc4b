using System.Linq;
using Kaal.Sdk.Images;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Registry;
using Xunit;
using static Kaal.Sdk.Tests.ManifestText;
using static Kaal.Sdk.Tests.ManifestValidationTests;

namespace Kaal.Sdk.Tests;

/// <summary>`process:reload:COMPONENT` (docs/hot-reload.md): its grammar, the validator's rules at line:col, its
/// registry form and the loader's expectation rule. Components appended to <see cref="ManifestText.SystemInit"/> start at
/// line 8; the first capability's text starts at column 18 of line 13, so a target name starts at column 33.</summary>
public sealed class ReloadCapabilityTests
{
    private static string System(string reloaderCapability) =>
        SystemInit + Driver("reloader", $"\"{reloaderCapability}\"") + Driver("serial", "\"memory_map:0x0900_0000:0x1000\"");

    [Fact]
    public void A_reload_capability_naming_a_component_system_init_spawns_validates_clean()
    {
        (SystemManifest manifest, var problems) = ManifestChecker.Check(System("process:reload:serial"), FileName, TestBinaries.Undemanding);
        Assert.Empty(problems);
        ProcessReloadCapability reload = Assert.IsType<ProcessReloadCapability>(manifest.Components[1].Capabilities[0]);
        Assert.Equal("serial", reload.Target);
        Assert.Equal((GrantKind.ProcessReload, 0u, "serial", 0UL, 0UL), RegistryWriter.GrantForm(reload, "test"));
    }

    [Theory]
    [InlineData("process:reload", 18, "expected process:reload:COMPONENT")]
    [InlineData("process:reload:", 18, "expected process:reload:COMPONENT")]
    [InlineData("process:reload:a:b", 18, "expected process:reload:COMPONENT")]
    [InlineData("process:reload:Serial", 33, "'Serial' is not a component name")]
    [InlineData("process:reloda", 26, "did you mean 'reload'")]
    public void A_malformed_reload_capability_is_reported_at_the_part_that_is_wrong(string capability, int column, string fragment) =>
        AssertSingle(System(capability), 13, column, fragment);

    [Fact]
    public void A_reload_target_that_is_not_a_component_is_reported_at_its_name_with_a_suggestion() =>
        AssertSingle(System("process:reload:seriall"), 13, 33, "'reloader' may reload 'seriall', which is not a component; did you mean 'serial'?");

    [Fact]
    public void System_init_cannot_be_a_reload_target_since_nothing_spawns_it_but_root() =>
        AssertSingle(System("process:reload:system_init"), 13, 33, "'system_init' is spawned by root: the loader (system_init) replaces only the components it spawns");

    [Fact]
    public void A_root_spawned_component_cannot_hold_the_reload_capability()
    {
        string text = SystemInit.Replace("""capabilities = ["process:create"]""", """capabilities = ["process:create", "process:reload:serial"]""")
            + Driver("serial", "\"memory_map:0x0900_0000:0x1000\"");
        AssertSingle(text, 7, 35, "'system_init' is spawned by root; \"process:reload:serial\" is a request to system_init's loader");
    }

    /// <summary>The loader's rule on an image's expected capability (<see cref="ExpectedGrant"/>) and the validator's
    /// (<see cref="ExpectedCapability"/>) agree: the same target grants it, another does not.</summary>
    [Theory]
    [InlineData("process:reload:serial", true)]
    [InlineData("process:reload:timer", false)]
    public void An_expected_reload_capability_is_granted_only_by_the_same_target(string granted, bool expected)
    {
        ExpectedCapability expectation = ExpectedCapability.Parse("process:reload:serial", out string? error)!;
        Assert.Null(error);
        (SystemManifest manifest, _) = ManifestChecker.Check(SystemInit + Driver("reloader", $"\"{granted}\""), FileName, TestBinaries.Undemanding);
        Assert.Equal(expected, expectation.IsGrantedBy(manifest.Components[1].Capabilities));
        (GrantKind kind, uint role, string name, ulong a, ulong b) = RegistryWriter.GrantForm(manifest.Components[1].Capabilities.Single(), "test");
        Assert.Equal(expected, expectation.ToGrant().IsGrantedBy([new Grant(kind, role, name, a, b)]));
    }
}
