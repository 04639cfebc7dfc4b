using System;
using Kaal.Sdk.Boot;
using Kaal.Sdk.Runtime;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>The page the AArch64 kernel hands the root task: what it writes is what the root task reads, and a
/// page that does not fit is refused with the field that is wrong.</summary>
public sealed class BootInfoPageTests
{
    private static BootDescription Sample() => new(2, 64, 256, 40, 4,
        new[] { new BootUntyped(20, 0x4100_0000, 24, false), new BootUntyped(21, 0x0900_0000, 12, true) },
        new byte[] { 1, 2, 3, 4, 5 }, RegistryFirstFrameCptr: 30);

    [Fact]
    public void A_written_page_reads_back_the_same_description()
    {
        BootDescription boot = Sample();
        var page = new byte[BootInfoLayout.PageSizeBytes];
        BootInfoPage.Write(page, boot, BootInfoLayout.RegistryVirtAddr);
        Assert.True(BootInfoPage.HasMagic(page));
        Assert.Equal((BootInfoLayout.RegistryVirtAddr, 5UL), BootInfoPage.RegistryOf(page));
        BootDescription? read = BootInfoPage.Read(page, boot.Registry, boot.ImageStore, out string? error);
        Assert.Null(error);
        Assert.NotNull(read);
        Assert.Equal(boot.RootCNodeCptr, read!.RootCNodeCptr);
        Assert.Equal(boot.RootCNodeDepth, read.RootCNodeDepth);
        Assert.Equal(boot.RootCNodeSlotCount, read.RootCNodeSlotCount);
        Assert.Equal(boot.FirstEmptySlot, read.FirstEmptySlot);
        Assert.Equal(boot.IrqControlCptr, read.IrqControlCptr);
        Assert.Equal(boot.Untypeds, read.Untypeds);
        Assert.Equal(boot.RegistryFirstFrameCptr, read.RegistryFirstFrameCptr);
        Assert.Equal(1, read.RegistryFrameCount);
        Assert.Empty(read.ImageStore);
        Assert.Equal((0UL, 0UL), BootInfoPage.ImageStoreOf(page));
    }

    /// <summary>A system with an image store (docs/hot-reload.md): the page names it, and the root task is given it.</summary>
    [Fact]
    public void The_image_store_is_named_by_the_page_and_read_back()
    {
        BootDescription boot = Sample() with { ImageStore = new byte[] { 9, 8, 7 } };
        var page = new byte[BootInfoLayout.PageSizeBytes];
        BootInfoPage.Write(page, boot, BootInfoLayout.RegistryVirtAddr);
        Assert.Equal((BootInfoLayout.ImageStoreVirtAddr, 3UL), BootInfoPage.ImageStoreOf(page));
        Assert.Equal(boot.ImageStore, BootInfoPage.Read(page, boot.Registry, boot.ImageStore, out string? error)!.ImageStore);
        Assert.Null(error);
        Assert.Null(BootInfoPage.Read(page, boot.Registry, new byte[2], out error));
        Assert.Contains("the image store is 3 bytes at 0x64000000, 2 were given", error);
    }

    [Fact]
    public void The_page_shares_its_addresses_with_the_arguments_page_layout()
    {
        Assert.Equal(ArgsLayout.ArgsVirtAddr, BootInfoLayout.VirtAddr);
        Assert.Equal(ArgsLayout.RegistryVirtAddr, BootInfoLayout.RegistryVirtAddr);
        Assert.Equal(ArgsLayout.ImageStoreVirtAddr, BootInfoLayout.ImageStoreVirtAddr);
        Assert.NotEqual(ArgsLayout.Magic, BootInfoLayout.Magic);
    }

    [Theory]
    [InlineData(0, "magic 0x")]
    [InlineData(BootInfoLayout.VersionOffset, "version")]
    [InlineData(BootInfoLayout.UntypedCountOffset, "untypeds, at most")]
    [InlineData(BootInfoLayout.FirstEmptySlotOffset + 1, "first empty slot")]
    [InlineData(BootInfoLayout.RegistrySizeBytesOffset, "registry is")]
    [InlineData(BootInfoLayout.RegistryFirstFrameCptrOffset, "the registry's 1 frames from slot")]
    public void A_corrupt_field_is_refused_with_its_name(int offset, string expected)
    {
        BootDescription boot = Sample();
        var page = new byte[BootInfoLayout.PageSizeBytes];
        BootInfoPage.Write(page, boot, BootInfoLayout.RegistryVirtAddr);
        page[offset] ^= 0x7F;
        Assert.Null(BootInfoPage.Read(page, boot.Registry, boot.ImageStore, out string? error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_short_page_is_refused()
    {
        Assert.Null(BootInfoPage.Read(new byte[100], Array.Empty<byte>(), Array.Empty<byte>(), out string? error));
        Assert.Contains("100 bytes", error);
    }
}
