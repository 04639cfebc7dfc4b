using System;
using System.Buffers.Binary;
using System.IO;
using Kaal.Sdk.Images;
using Kaal.Sdk.Manifest;
using Xunit;

namespace Kaal.Sdk.Tests.Images;

/// <summary>The image store's reader (what system_init's loader runs) and writer: every refusal names the path or
/// what is wrong with the store.</summary>
public sealed class ImageStoreTests
{
    private static readonly byte[] First = [1, 2, 3];
    private static readonly byte[] Second = [4, 5, 6, 7, 8];

    private static byte[] Store() => ImageStoreWriter.Write([new StoredImage("/images/a", First), new StoredImage("/images/b", Second)]);

    [Fact]
    public void Each_image_is_found_by_its_exact_path()
    {
        byte[] store = Store();
        Assert.Equal(First, ImageStore.Find(store, "/images/a").Value.ToArray());
        Assert.Equal(Second, ImageStore.Find(store, "/images/b").Value.ToArray());
        Assert.Equal("no image at '/images/' in the image store", ImageStore.Find(store, "/images/").Failure.Message);
        Assert.Equal("no image at '/images/ab' in the image store", ImageStore.Find(store, "/images/ab").Failure.Message);
    }

    [Fact]
    public void No_images_is_no_store_and_the_loader_says_so()
    {
        byte[] store = ImageStoreWriter.Write([]);
        Assert.Empty(store);
        Assert.Equal("there is no image store", ImageStore.Find(store, "/images/a").Failure.Message);
    }

    [Fact]
    public void A_damaged_store_is_refused_with_what_is_wrong()
    {
        byte[] badMagic = Store();
        badMagic[0] ^= 0xFF;
        Assert.Equal("the image store is damaged (bad magic)", ImageStore.Find(badMagic, "/images/a").Failure.Message);

        byte[] tooMany = Store();
        BinaryPrimitives.WriteUInt32LittleEndian(tooMany.AsSpan(ImageStore.CountOffset), 1000);
        Assert.Contains("claims 1000 images, more than its", ImageStore.Find(tooMany, "/images/a").Failure.Message);

        byte[] outside = Store();
        BinaryPrimitives.WriteUInt32LittleEndian(outside.AsSpan(ImageStore.HeaderBytes + ImageStore.SizeOffset), 0xFFFF_FFF0);
        Assert.Contains("image '/images/a' at ", ImageStore.Find(outside, "/images/a").Failure.Message);
        Assert.Contains("lies outside the image store's", ImageStore.Find(outside, "/images/a").Failure.Message);
    }

    [Theory]
    [InlineData("", "image path '' must be 1..32 printable ASCII characters")]
    [InlineData("/images/a-path-that-is-much-too-long", "image path '/images/a-path-that-is-much-too-long' must be 1..32")]
    [InlineData("/images/\u00e9", "must be 1..32 printable ASCII characters")]
    public void A_path_a_request_cannot_carry_is_refused_when_the_store_is_written(string path, string message)
    {
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ImageStoreWriter.Write([new StoredImage(path, First)]));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_path_given_twice_is_refused() =>
        Assert.Equal("image path '/images/a' is given twice",
            Assert.Throws<InvalidDataException>(() => ImageStoreWriter.Write([new StoredImage("/images/a", First), new StoredImage("/images/a", Second)])).Message);
}
