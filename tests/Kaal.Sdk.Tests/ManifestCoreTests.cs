using System;
using System.IO;
using System.Linq;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Registry;
using Kaal.Tests.Shared;
using Xunit;
using static Kaal.Sdk.Tests.ManifestText;

namespace Kaal.Sdk.Tests;

/// <summary>
/// `[system] cores` and a component's `core` (docs/manifest.md): read, checked against each other and the platform at
/// the value, carried in the registry record system_init reads.
/// </summary>
public sealed class ManifestCoreTests
{
    /// <summary>system_init (lines 4-10 after a [system] table of two lines and a blank one) with `core = VALUE` on line 9.</summary>
    private static string OnCore(string value, string system = "cores = 2") =>
        $"[system]\n{system}\n\n" + SystemInit.Replace("priority = 250", $"priority = 250\ncore = {value}");

    [Fact]
    public void Cores_and_core_are_read_and_default_to_one_core_and_the_boot_core()
    {
        SystemManifest placed = ManifestChecker.Check(OnCore("1"), FileName, TestBinaries.Undemanding).Manifest;
        Assert.Equal(2, placed.System.Cores);
        Assert.Equal(1, placed.Components[0].Core);
        SystemManifest plain = ManifestChecker.Check(SystemInit, FileName, TestBinaries.Undemanding).Manifest;
        Assert.Equal(1, plain.System.Cores);
        Assert.Equal(0, plain.Components[0].Core);
    }

    [Theory]
    [InlineData("2", 9, 8, "'system_init' is placed on core 2, but the system runs on cores 0..1 ([system] cores = 2): raise [system] cores")]
    [InlineData("-1", 9, 8, "'system_init' is placed on core -1, but the system runs on cores 0..1 ([system] cores = 2): cores are numbered from 0, the boot core")]
    [InlineData("\"1\"", 9, 8, "core must be an integer, got string \"1\"")]
    [InlineData("1.5", 9, 8, "1.5 is a float")]
    public void A_core_the_system_does_not_have_is_refused_where_it_is(string value, int line, int column, string message) =>
        AssertSingle(OnCore(value), line, column, message);

    [Fact]
    public void Without_cores_a_component_may_only_be_on_the_boot_core() =>
        AssertSingle(SystemInit.Replace("priority = 250", "priority = 250\ncore = 1"), 6, 8,
            "'system_init' is placed on core 1, but the system runs on core 0 (one core: [system] cores is 1): raise [system] cores");

    [Theory]
    [InlineData("cores = 0", 2, 9, "cores must be from 1 to 8 (the kernel runs on at most 8), got 0")]
    [InlineData("cores = 9", 2, 9, "cores must be from 1 to 8 (the kernel runs on at most 8), got 9")]
    [InlineData("cores = \"2\"", 2, 9, "cores must be an integer (how many cores the system runs on), got string \"2\"")]
    [InlineData("cores = 5\nplatform = \"qemu-raspi4b\"", 2, 9, "cores 5 is more than qemu-raspi4b has (4)")]
    public void A_core_count_the_platform_does_not_have_is_refused_where_it_is(string system, int line, int column, string message) =>
        AssertSingle($"[system]\n{system}\n\n" + SystemInit, line, column, message);

    /// <summary>A core count that was refused leaves the core unjudged: one problem, not a second one about the core.</summary>
    [Fact]
    public void A_refused_core_count_does_not_also_refuse_the_cores_placed_on_it() =>
        AssertSingle(OnCore("3", "cores = 9"), 2, 9, "cores must be from 1 to 8");

    [Fact]
    public void The_registry_record_carries_the_core_and_the_reader_refuses_another_version()
    {
        SystemManifest manifest = ManifestChecker.Check(OnCore("1"), FileName, TestBinaries.Undemanding).Manifest;
        byte[] bytes = RegistryWriter.Write(manifest, _ => new byte[16]);
        ComponentRegistry registry = ComponentRegistry.Decode(bytes, out string? error)!;
        Assert.Null(error);
        Assert.Equal(1u, registry.Components[0].Core);
        Assert.Equal(1u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(RegistryLayout.HeaderBytes + RegistryLayout.CoreOffset)));

        bytes[RegistryLayout.VersionOffset] = 1;
        Assert.Null(ComponentRegistry.Decode(bytes, out error));
        Assert.Equal("registry version 1, this reader reads version 2 (rebuild the image with this SDK)", error);
    }

    /// <summary>manifests/default-smp2.toml is components.toml on two cores: below its header comment, the same text but for
    /// `cores = 2` and the consumer on core 1 (the producer's `core = 0` says where it stays). Both print through
    /// serial_driver's console service, as in components.toml: a console line is answered once written, so it is
    /// line-safe across cores (docs/components.md, "The console protocol").</summary>
    [Fact]
    public void The_two_core_default_system_is_components_toml_with_cores()
    {
        static string[] Body(string path) => File.ReadAllLines(path).SkipWhile(line => line.StartsWith('#'))
            .Where(line => !line.StartsWith("core", StringComparison.Ordinal) && !line.StartsWith('#')).ToArray();
        string smp2 = Path.Combine(RepositoryPaths.Root, "manifests", "default-smp2.toml");
        (SystemManifest manifest, var problems) = ManifestChecker.CheckFile(smp2, TestBinaries.Repository);
        Assert.Empty(problems);
        Assert.Equal(2, manifest.System.Cores);
        Assert.Equal(new[] { ("system_init", 0L), ("serial_driver", 0L), ("timer_driver", 0L), ("ipc_producer", 0L), ("ipc_consumer", 1L) },
            manifest.Components.Select(component => (component.Name, component.Core)));
        Assert.Equal(Body(Path.Combine(RepositoryPaths.Root, "components.toml")), Body(smp2));
    }
}
