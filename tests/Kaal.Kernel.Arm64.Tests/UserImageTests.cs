using System;
using System.IO;
using System.Text;
using Kaal.Sdk.Elf;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// The EL0 busybox (docs/el0-components.md) as a loader sees it, read with the SDK's own ELF reader: an AArch64
/// executable linked at 0x400000 whose segments are page aligned and never writable and executable at once
/// (text R+X, rodata R, data R+W), entered inside its text, and carrying every catalog binary it can be asked to run.
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class UserImageTests(KernelImages images)
{
    private const ulong LinkAddress = 0x40_0000;
    private const ulong PageBytes = 4096;

    [Fact]
    public void Busybox_is_an_aarch64_executable_with_text_rodata_and_data_segments_and_no_writable_code()
    {
        byte[] bytes = File.ReadAllBytes(images.UserImagePath());
        var image = new ElfImage();

        ElfProblem problem = ElfReader.Read(bytes, bytes.Length, image); // checks ET_EXEC and EM_AARCH64 first

        Assert.Equal(ElfError.None, problem.Error);
        Assert.Equal(3, image.SegmentCount);
        ElfSegment text = image.Segment(0), rodata = image.Segment(1), data = image.Segment(2);
        Assert.Equal(LinkAddress, text.VirtAddr);
        Assert.Equal(ElfSegment.FlagRead | ElfSegment.FlagExecute, text.Flags);
        Assert.Equal(ElfSegment.FlagRead, rodata.Flags);
        Assert.Equal(ElfSegment.FlagRead | ElfSegment.FlagWrite, data.Flags);
        for (int index = 0; index < image.SegmentCount; index++)
        {
            ElfSegment segment = image.Segment(index);
            Assert.Equal(0UL, segment.VirtAddr % PageBytes);
            Assert.Equal(0UL, segment.FileOffset % PageBytes);
            Assert.False(segment.Writable && segment.Executable, $"segment {index} is writable and executable");
        }
        Assert.InRange(image.Entry, text.VirtAddr, text.End - 1);
    }

    [Fact]
    public void Busybox_carries_every_catalog_binary_name()
    {
        // ILC stores string literals as UTF-16 string objects (8-byte aligned, characters at offset 12: even), and the
        // segments keep file offsets and addresses congruent, so decoding the whole file from byte 0 finds them.
        string contents = Encoding.Unicode.GetString(File.ReadAllBytes(images.UserImagePath()));

        foreach (string binary in Kaal.Sdk.Discovery.ComponentDiscovery.FromAssemblies(typeof(Kaal.Components.Supervision.SystemInit).Assembly).Binaries)
        {
            Assert.True(contents.Contains(binary, StringComparison.Ordinal), $"catalog binary '{binary}' is not in the busybox image");
        }
    }
}
