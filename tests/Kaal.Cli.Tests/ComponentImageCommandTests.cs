using System;
using System.IO;
using System.Linq;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Images;
using Kaal.Sdk.Registry;
using Kaal.Sim.Programs;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal manifest check --images DIR` and `kaal manifest registry --images DIR`: the binaries are what the built
/// component images declare in their metadata sections (seed 002, discovery method 2), not what assemblies declare.
/// The images here are the simulator's program images with each repository component's metadata section appended,
/// as the image build's objcopy step appends it to the EL0 image.</summary>
[Collection("Console")]
public sealed class ComponentImageCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"kaal-images-{Guid.NewGuid():N}");

    public ComponentImageCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "images"));
        foreach (DiscoveredComponent component in Repository.All)
            File.WriteAllBytes(ImagePath(component.Binary), ImageOf(component));
    }

    public void Dispose() => Directory.Delete(_directory, true);

    private static ComponentSet Repository { get; } = ComponentDiscovery.FromAssemblies(typeof(Kaal.Components.Supervision.SystemInit).Assembly);

    private string Images => Path.Combine(_directory, "images");

    private string ImagePath(string binary) => Path.Combine(Images, binary + ".elf");

    private static byte[] ImageOf(DiscoveredComponent component) => ProgramImage.Build(component);

    private string Manifest(Func<string, string> edit)
    {
        string file = Path.Combine(_directory, "components.toml");
        File.WriteAllText(file, edit(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "components.toml"))));
        return file;
    }

    [Fact]
    public void The_repository_manifest_checks_clean_against_its_images()
    {
        (int code, string output, string error) = Cli.Run("manifest", "check", Manifest(text => text), "--images", Images);
        Assert.True(code == 0, output + error);
        Assert.Contains("ok, 5 components", output);
    }

    [Fact]
    public void A_manifest_granting_less_than_an_image_expects_is_reported_at_its_line_and_column()
    {
        string file = Manifest(text => text.Replace("    \"ipc:console:server\",\n", ""));
        (int code, string output, _) = Cli.Run("manifest", "check", file, "--images", Images);
        Assert.Equal(1, code);
        Assert.Contains($"{file}:33:16: error: 'serial_driver' grants less than binary serial_driver expects: nothing in its capabilities grants \"ipc:console:server\" (declared by the .kaal.component section in {ImagePath("serial_driver")})", output);
    }

    [Fact]
    public void An_image_whose_metadata_declares_another_type_is_reported_at_the_manifest_type()
    {
        DiscoveredComponent timer = Repository.Find("timer_driver")!;
        File.WriteAllBytes(ImagePath("timer_driver"), ImageOf(timer with { Type = Kaal.Sdk.Runtime.ComponentType.Service }));
        string file = Manifest(text => text);
        (int code, string output, _) = Cli.Run("manifest", "check", file, "--images", Images);
        Assert.Equal(1, code);
        Assert.Matches($@"{file.Replace(".", @"\.")}:\d+:\d+: error: 'timer_driver' is a driver, but binary timer_driver \(the \.kaal\.component section in .*timer_driver\.elf\) is declared a service", output);
    }

    [Fact]
    public void Malformed_images_exit_2_each_named_with_its_problem()
    {
        byte[] wrongMachine = File.ReadAllBytes(ImagePath("ipc_producer"));
        wrongMachine[18] = 62;
        File.WriteAllBytes(ImagePath("ipc_producer"), wrongMachine);
        File.WriteAllBytes(ImagePath("ipc_consumer"), ProgramImage.Build("ipc_consumer"));
        File.Copy(ImagePath("timer_driver"), ImagePath("timer2"));
        (int code, _, string error) = Cli.Run("manifest", "check", Manifest(text => text), "--images", Images);
        Assert.Equal(2, code);
        Assert.Contains($"{ImagePath("ipc_producer")}: not a loadable AArch64 executable: BadMachine at Machine = 0x3E", error);
        Assert.Contains($"{ImagePath("ipc_consumer")}: metadata: the image has no section headers, so no .kaal.component section", error);
        Assert.Contains($"{ImagePath("timer2")}: the file is named for binary timer2, but its metadata declares binary timer_driver", error);
    }

    [Fact]
    public void Registry_from_images_stores_each_binary_its_own_image()
    {
        string output = Path.Combine(_directory, "registry.bin");
        (int code, string text, string error) = Cli.Run("manifest", "registry", Manifest(manifest => manifest), "--images", Images, "--out", output);
        Assert.True(code == 0, text + error);
        Assert.Contains("5 components 5 images", text);
        byte[] bytes = File.ReadAllBytes(output);
        ComponentRegistry registry = ComponentRegistry.Decode(bytes, out _)!;
        Assert.All(registry.Components, component => Assert.Equal(File.ReadAllBytes(ImagePath(component.Binary)), bytes.AsSpan(component.ImageOffset, component.ImageSize).ToArray()));
    }

    [Fact]
    public void Registry_takes_exactly_one_of_image_and_images()
    {
        string output = Path.Combine(_directory, "registry.bin");
        (int code, _, string error) = Cli.Run("manifest", "registry", Manifest(text => text), "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("give exactly one of --image ELF (one image for every binary) and --images DIR (each binary's own)", error);
        (code, _, _) = Cli.Run("manifest", "registry", Manifest(text => text), "--image", ImagePath("system_init"), "--images", Images, "--out", output);
        Assert.Equal(2, code);
        Assert.False(File.Exists(output));
    }
}
