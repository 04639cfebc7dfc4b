using System;
using System.IO;
using Kaal.Sdk.Registry;
using Kaal.Sim.Programs;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal manifest check` and `kaal manifest registry` exit codes: 0 clean (or written), 1 manifest problems (each
/// as file:line:col: error: ...), 2 unreadable file, or for the registry a missing or malformed ELF.</summary>
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

    [Fact]
    public void A_directory_exits_2_saying_it_is_a_directory()
    {
        string directory = Path.GetTempPath();
        (int code, _, string error) = Cli.Run("manifest", "check", directory);
        Assert.Equal(2, code);
        Assert.Contains($"cannot read manifest '{directory}': it is a directory, not a file", error);
    }

    [Fact]
    public void An_empty_file_is_a_problem_not_ok()
    {
        string file = Path.Combine(Path.GetTempPath(), $"kaal-manifest-{Guid.NewGuid():N}.toml");
        try
        {
            File.WriteAllText(file, "");
            (int code, string output, _) = Cli.Run("manifest", "check", file);
            Assert.Equal(1, code);
            Assert.Contains($"{file}:1:1: error: the manifest declares no components", output);
            Assert.DoesNotContain("ok, 0 components", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Registry_binds_the_manifest_to_one_shared_image()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"kaal-registry-{Guid.NewGuid():N}");
        string elf = Path.Combine(directory, "user.elf");
        string output = Path.Combine(directory, "out", "registry.bin");
        try
        {
            Directory.CreateDirectory(directory);
            byte[] image = ProgramImage.Build("system_init");
            File.WriteAllBytes(elf, image);
            (int code, string text, _) = Cli.Run("manifest", "registry", RepositoryManifest(), "--image", elf, "--out", output);
            Assert.Equal(0, code);
            Assert.Contains($"5 components sharing one {image.Length}-byte image", text);
            byte[] bytes = File.ReadAllBytes(output);
            ComponentRegistry registry = ComponentRegistry.Decode(bytes, out string? error)!;
            Assert.Null(error);
            Assert.Equal(5, registry.Components.Length);
            Assert.All(registry.Components, component => Assert.Equal(image, bytes.AsSpan(component.ImageOffset, component.ImageSize).ToArray()));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void Registry_of_a_bad_manifest_exits_1_with_its_problems_and_writes_nothing()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"kaal-registry-{Guid.NewGuid():N}");
        string manifest = Path.Combine(directory, "components.toml");
        string elf = Path.Combine(directory, "user.elf");
        string output = Path.Combine(directory, "registry.bin");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(manifest, File.ReadAllText(RepositoryManifest()).Replace("binary = \"timer_driver\"", "binary = \"timer_drvier\""));
            File.WriteAllBytes(elf, ProgramImage.Build("system_init"));
            (int code, string text, _) = Cli.Run("manifest", "registry", manifest, "--image", elf, "--out", output);
            Assert.Equal(1, code);
            Assert.Contains("timer_drvier", text);
            Assert.Contains($"{manifest}: 1 problem", text);
            Assert.False(File.Exists(output));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void Registry_without_the_image_exits_2()
    {
        (int code, _, string error) = Cli.Run("manifest", "registry", RepositoryManifest(), "--image", "/no/such/user.elf", "--out", Path.Combine(Path.GetTempPath(), "unused.bin"));
        Assert.Equal(2, code);
        Assert.Contains("cannot read user image '/no/such/user.elf'", error);
    }

    [Fact]
    public void Registry_with_a_malformed_image_exits_2_naming_the_field()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"kaal-registry-{Guid.NewGuid():N}");
        string elf = Path.Combine(directory, "user.elf");
        string output = Path.Combine(directory, "registry.bin");
        try
        {
            Directory.CreateDirectory(directory);
            byte[] image = ProgramImage.Build("system_init");
            image[18] = 62; // e_machine: x86-64
            File.WriteAllBytes(elf, image);
            (int code, _, string error) = Cli.Run("manifest", "registry", RepositoryManifest(), "--image", elf, "--out", output);
            Assert.Equal(2, code);
            Assert.Contains("is not a loadable AArch64 executable: BadMachine (Machine = 0x3E)", error);
            Assert.False(File.Exists(output));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, true);
        }
    }
}
