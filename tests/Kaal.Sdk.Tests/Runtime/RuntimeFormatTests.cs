using Kaal.Tests.Shared;
using System;
using System.IO;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;
using Xunit;

namespace Kaal.Sdk.Tests.Runtime;

/// <summary>The arguments page and the registry: what the spawner writes is what the component reads, and bad bytes
/// are refused with a reason instead of being misread.</summary>
public sealed class RuntimeFormatTests
{
    private static string RepositoryManifest => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "components.toml"));

    [Fact]
    public void Arguments_page_round_trips_every_entry()
    {
        var page = new byte[ArgsLayout.PageSizeBytes];
        var entries = new[]
        {
            new ArgEntry(ArgKind.Supervisor, 0, "", 1, 0, 0, 0),
            new ArgEntry(ArgKind.Channel, (uint)IpcEnd.Consumer, "numbers", 5, 6, 0x3000_0000, 4096),
            new ArgEntry(ArgKind.Device, 0, "", 0, 0x0900_0000, 0x1000, 0x5000_0000),
        };
        ArgsLayout.WriteHeader(page, "ipc_consumer", (uint)entries.Length, instance: 2, priority: 100);
        for (int index = 0; index < entries.Length; index++) ArgsLayout.WriteEntry(page, index, entries[index]);
        Assert.True(ArgsLayout.HasMagic(page));
        Assert.Equal("ipc_consumer", ArgsLayout.ComponentName(page));
        Assert.Equal(2u, ArgsLayout.Instance(page));
        Assert.Equal(100u, ArgsLayout.Priority(page));
        Assert.Equal((uint)entries.Length, ArgsLayout.EntryCount(page));
        for (int index = 0; index < entries.Length; index++) Assert.Equal(entries[index], ArgsLayout.ReadEntry(page, index));
    }

    [Fact]
    public void A_name_too_long_for_its_field_is_refused_not_truncated()
    {
        var page = new byte[ArgsLayout.PageSizeBytes];
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            ArgsLayout.WriteEntry(page, 0, new ArgEntry(ArgKind.Endpoint, 0, new string('x', ArgsLayout.NameBytes + 1), 0, 0, 0, 0)));
        Assert.Contains("longer than 24 bytes", error.Message);
    }

    [Fact]
    public void Registry_round_trips_the_manifest_and_the_images()
    {
        (SystemManifest manifest, var problems) = ManifestChecker.Check(RepositoryManifest, "components.toml", TestBinaries.Repository);
        Assert.Empty(problems);
        byte[] bytes = RegistryWriter.Write(manifest, binary => System.Text.Encoding.ASCII.GetBytes("image of " + binary));
        ComponentRegistry registry = ComponentRegistry.Decode(bytes, out string? error)!;
        Assert.Null(error);
        Assert.Equal(manifest.Components.Count, registry.Components.Length);
        for (int index = 0; index < manifest.Components.Count; index++)
        {
            ComponentSpec spec = manifest.Components[index];
            RegistryComponent decoded = registry.Components[index];
            Assert.Equal(spec.Name, decoded.Name);
            Assert.Equal(spec.Priority, decoded.Priority);
            Assert.Equal((int)spec.Type, (int)decoded.Kind);
            Assert.Equal(spec.Capabilities.Count, decoded.Grants.Length);
            Assert.Equal(spec.Dependencies.Count, decoded.Dependencies.Length);
            Assert.Equal("image of " + spec.Binary, System.Text.Encoding.ASCII.GetString(bytes, decoded.ImageOffset, decoded.ImageSize));
        }
    }

    [Fact]
    public void Identical_images_are_stored_once_and_their_components_share_the_offset()
    {
        (SystemManifest manifest, _) = ManifestChecker.Check(RepositoryManifest, "components.toml", TestBinaries.Repository);
        byte[] busybox = System.Text.Encoding.ASCII.GetBytes("one image for every binary");
        byte[] bytes = RegistryWriter.Write(manifest, binary => (byte[])busybox.Clone());
        ComponentRegistry registry = ComponentRegistry.Decode(bytes, out string? error)!;
        Assert.Null(error);
        Assert.Equal(RegistryLayout.HeaderBytes + manifest.Components.Count * RegistryLayout.RecordBytes + busybox.Length, bytes.Length);
        Assert.All(registry.Components, component =>
        {
            Assert.Equal(registry.Components[0].ImageOffset, component.ImageOffset);
            Assert.Equal(busybox, bytes.AsSpan(component.ImageOffset, component.ImageSize).ToArray());
        });
    }

    [Theory]
    [InlineData(0, "bad magic")]
    [InlineData(1, "claims")]
    [InlineData(2, "lies outside")]
    public void A_corrupt_registry_is_refused_with_the_reason(int damage, string reason)
    {
        (SystemManifest manifest, _) = ManifestChecker.Check(RepositoryManifest, "components.toml", TestBinaries.Repository);
        byte[] bytes = RegistryWriter.Write(manifest, binary => new byte[16]);
        switch (damage)
        {
            case 0: bytes[0] ^= 0xFF; break;
            case 1: BitConverter.GetBytes(60u).CopyTo(bytes, RegistryLayout.CountOffset); break;
            default: BitConverter.GetBytes(0x7FFF_0000u).CopyTo(bytes, RegistryLayout.HeaderBytes + RegistryLayout.ImageSizeOffset); break;
        }
        Assert.Null(ComponentRegistry.Decode(bytes, out string? error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_binary_without_an_image_stops_the_registry_build_with_its_name()
    {
        (SystemManifest manifest, _) = ManifestChecker.Check(RepositoryManifest, "components.toml", TestBinaries.Repository);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() =>
            RegistryWriter.Write(manifest, binary => throw new InvalidDataException($"no image for {binary}")));
        Assert.StartsWith("no image for ", error.Message);
    }

    [Theory]
    [InlineData(4096, 4, 256)]
    [InlineData(4096, 16, 128)]
    [InlineData(4096, 24, 128)]
    [InlineData(256, 8, 8)]
    [InlineData(192, 8, 0)]
    public void Channel_capacity_is_the_largest_power_of_two_the_ring_holds(int ringBytes, int elementBytes, int capacity) =>
        Assert.Equal(capacity, Channel<byte>.MaxCapacity(ringBytes, elementBytes));
}
