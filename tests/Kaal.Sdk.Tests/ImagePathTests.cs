using Xunit;
using static Kaal.Sdk.Tests.ManifestText;

namespace Kaal.Sdk.Tests;

/// <summary>A manifest entry's `image` path (docs/manifest.md, docs/hot-reload.md): each misuse reported at the value,
/// line:col, and the path carried into the registry record.</summary>
public sealed class ImagePathTests
{
    /// <summary>system_init (lines 1-7) reading through fs; components from line 8.</summary>
    private static readonly string Reading = SystemInit.Replace("[\"process:create\"]", "[\"process:create\", \"ipc:fs:client\"]");

    private static string Fs => ManifestValidationTests.Driver("fs", "\"ipc:fs:server\"");

    [Theory]
    [InlineData("image = \"system/apps/a\"")]
    [InlineData("image = \"\"")]
    [InlineData("image = \"/images/a-path-much-too-long-to-carry\"")]
    [InlineData("image = \"/images/\\u00e9\"")]
    public void A_path_a_request_cannot_carry_is_refused_at_its_value(string line) =>
        Assert.Contains("14:9: image path ", string.Join("\n", Lines(Reading + ManifestValidationTests.Driver("a", "", line) + Fs)));

    [Fact]
    public void A_path_needs_system_init_to_read_through_fs() =>
        AssertSingle(SystemInit + ManifestValidationTests.Driver("a", "", "image = \"/system/a\"") + Fs, 14, 9,
            "'a' is loaded from \"/system/a\" through the fs service, but system_init does not read through it: add \"ipc:fs:client\" to system_init's capabilities");

    [Fact]
    public void The_fs_service_cannot_be_loaded_from_itself() =>
        AssertSingle(Reading + ManifestValidationTests.Driver("fs", "\"ipc:fs:server\"", "image = \"/system/fs\""), 14, 9,
            "'fs' is the fs service, which serves the images; it cannot be loaded from one");

    [Fact]
    public void A_component_the_root_task_spawns_cannot_name_a_path() =>
        Assert.Contains("15:9: 'a' is spawned by root, which has no fs service to read \"/system/a\" from",
            string.Join("\n", Lines(Reading + ManifestValidationTests.Driver("a", "", "spawned_by = \"root\"\nimage = \"/system/a\"") + Fs)));

    [Fact]
    public void A_valid_path_is_clean_and_the_registry_carries_it_and_embeds_nothing()
    {
        string text = Reading + ManifestValidationTests.Driver("a", "", "image = \"/system/drivers/a\"") + Fs;
        Assert.Empty(Lines(text));
        (Manifest.SystemManifest manifest, _) = Manifest.ManifestChecker.Check(text, FileName, TestBinaries.Undemanding);
        byte[] registry = Manifest.RegistryWriter.Write(manifest, _ => [1, 2, 3]);
        Registry.ComponentRegistry decoded = Registry.ComponentRegistry.Decode(registry, out string? error)!;
        Assert.Null(error);
        Assert.Equal("/system/drivers/a", decoded.Find("a")!.ImagePath);
        Assert.Equal(0, decoded.Find("a")!.ImageSize);
        Assert.Equal("", decoded.Find("fs")!.ImagePath);
        Assert.Equal(3, decoded.Find("fs")!.ImageSize);
    }
}
