using System.Linq;
using Kaal.Components.FileSystem;
using Kaal.Sdk.FileSystem;
using Xunit;

namespace Kaal.Sdk.Tests.FileSystem;

/// <summary>The fs service's writable area: files grow and are re-created in place, the others keep their bytes, and a
/// full area or a hole is refused without changing anything.</summary>
public sealed class WritableAreaTests
{
    private static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(index => (byte)(index * 3 + seed)).ToArray();

    [Fact]
    public void Files_grow_and_shrink_without_touching_the_others()
    {
        var area = new WritableArea(1000);
        int a = area.Create("/a"), b = area.Create("/b"), c = area.Create("/c");
        Assert.Equal(FsStatus.Ok, area.Write(b, 0, Bytes(100, 1)));
        Assert.Equal(FsStatus.Ok, area.Write(c, 0, Bytes(50, 2)));
        Assert.Equal(FsStatus.Ok, area.Write(a, 0, Bytes(70, 3)));   // the first file grows under the others
        Assert.Equal(FsStatus.Ok, area.Write(b, 100, Bytes(30, 4)));  // the middle one too
        Assert.Equal(Bytes(70, 3), area.Read(a, 0, 1000).ToArray());
        Assert.Equal(Bytes(100, 1).Concat(Bytes(30, 4)), area.Read(b, 0, 1000).ToArray());
        Assert.Equal(Bytes(50, 2), area.Read(c, 0, 1000).ToArray());
        Assert.Equal(250, area.UsedBytes);
        Assert.Equal(b, area.Create("/b"));                          // re-created: emptied, the others move down
        Assert.Equal(0, area.SizeOf(b));
        Assert.Equal(Bytes(50, 2), area.Read(c, 0, 1000).ToArray());
        Assert.Equal(120, area.UsedBytes);
    }

    [Fact]
    public void A_full_area_a_hole_and_too_many_files_are_refused_and_change_nothing()
    {
        var area = new WritableArea(100);
        int a = area.Create("/a");
        Assert.Equal(FsStatus.Ok, area.Write(a, 0, Bytes(90, 1)));
        Assert.Equal(FsStatus.NoSpace, area.Write(a, 90, Bytes(11, 2)));
        Assert.Equal(FsStatus.BadOffset, area.Write(a, 91, Bytes(1, 2)));
        Assert.Equal(Bytes(90, 1), area.Read(a, 0, 1000).ToArray());
        Assert.Equal(FsStatus.Ok, area.Write(a, 0, Bytes(100, 5)));  // a rewrite from the start that just fits
        for (int file = 1; file < WritableArea.MaxFiles; file++) Assert.True(area.Create($"/f{file}") >= 0);
        Assert.Equal(-1, area.Create("/one-too-many"));
    }

    [Theory]
    [InlineData("/system/drivers/serial_driver")]
    [InlineData("/a")]
    [InlineData("/images/exactly-thirty-two-bytes")]
    public void A_path_travels_in_four_words_and_back(string path)
    {
        Assert.True(PathWords.TryPack(path, out ulong w0, out ulong w1, out ulong w2, out ulong w3));
        Assert.Equal(path, PathWords.Unpack(w0, w1, w2, w3));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/images/thirty-three-bytes-is-long")]
    [InlineData("/images/\u00e9")]
    public void A_path_a_request_cannot_carry_is_refused(string path) =>
        Assert.False(PathWords.TryPack(path, out _, out _, out _, out _));

    [Fact]
    public void Words_with_a_byte_after_the_end_or_a_control_byte_carry_no_path()
    {
        Assert.Null(PathWords.Unpack(0, 0, 0, 0));
        Assert.Null(PathWords.Unpack((ulong)'/' | (ulong)'a' << 16, 0, 0, 0));
        Assert.Null(PathWords.Unpack((ulong)'/' | 0x07UL << 8, 0, 0, 0));
    }
}
