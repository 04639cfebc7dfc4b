using System.IO;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>Properties of the built images that need no emulator.</summary>
[Collection(KernelImagesCollection.Name)]
public sealed class KernelImageTests
{
    /// <summary>Goal of issue 4: the loadable kernel under 256 KiB.</summary>
    private const long MaxLoadedBytes = 256 * 1024;

    private readonly KernelImages _images;

    public KernelImageTests(KernelImages images)
    {
        _images = images;
    }

    [Theory]
    [InlineData(KernelImages.SelfTest)]
    [InlineData(KernelImages.UserTest)]
    public void Kernel_loads_under_256_KiB(string variant)
    {
        string directory = _images.DirectoryOf(variant);
        long elfLoaded = ElfLoadSize.LoadedFileBytes(Path.Combine(directory, "kaal.elf"));
        long rawImage = new FileInfo(Path.Combine(directory, "kernel8.img")).Length;
        Assert.InRange(elfLoaded, 1, MaxLoadedBytes);
        Assert.InRange(rawImage, 1, MaxLoadedBytes);
    }
}
