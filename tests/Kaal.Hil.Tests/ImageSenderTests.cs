using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Delivery;
using Kaal.Sdk.Transfer;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>The host's side of an image transfer against the console service's receiver over a console in memory: the
/// image arrives whole, a damaged frame or a lost answer is sent again, and a refusal or a target that stops answering
/// ends it with an error naming the reason or the offset.</summary>
public sealed class ImageSenderTests
{
    private const string Path = "/delivered/consumer";
    private static readonly TransferOptions Options = new() { FrameTimeout = TimeSpan.FromMilliseconds(10) };

    private static byte[] Image(int length)
    {
        var image = new byte[length];
        new Random(length).NextBytes(image);
        return image;
    }

    [Fact]
    public async Task AnImage_RoundTrips_OneFramePerChunk()
    {
        byte[] image = Image(10_000);
        var link = new LoopbackTransferLink();
        var progress = new List<long>();
        TransferStatistics statistics = await new ImageSender(link, Options with { Progress = new SynchronousProgress(progress.Add) }).SendAsync(Path, image, CancellationToken.None);
        Assert.Equal(image, link.Store.Files[Path]);
        int chunks = (image.Length + TransferFrame.ChunkBytes - 1) / TransferFrame.ChunkBytes;
        Assert.Equal((chunks + 2, 0), (statistics.FramesSent, statistics.FramesResent));
        Assert.Equal(link.Sent.Sum(line => line.Length + 1), statistics.BytesSent);
        Assert.InRange(statistics.Overhead, 1.3, 1.5);
        Assert.Equal(image.Length, progress[^1]);
    }

    [Fact]
    public async Task ADamagedFrame_IsSentAgain()
    {
        byte[] image = Image(2_000);
        var link = new LoopbackTransferLink { Damage = (number, line) => number == 3 ? line.Replace('A', 'B') : line };
        TransferStatistics statistics = await new ImageSender(link, Options).SendAsync(Path, image, CancellationToken.None);
        Assert.Equal(image, link.Store.Files[Path]);
        Assert.Equal(1, statistics.FramesResent);
        Assert.Equal(link.Sent[3], link.Sent[4]);
    }

    [Fact]
    public async Task ALostFrameOrALostAck_IsSentAgainAfterTheTimeout_AndStoredOnce()
    {
        byte[] image = Image(2_000);
        var link = new LoopbackTransferLink { Damage = (number, line) => number == 2 ? null : line, LoseAnswer = number => number == 5 };
        TransferStatistics statistics = await new ImageSender(link, Options).SendAsync(Path, image, CancellationToken.None);
        Assert.Equal(image, link.Store.Files[Path]);
        Assert.Equal(2, statistics.FramesResent);
        Assert.Equal(link.Store.Writes, (image.Length + TransferFrame.ChunkBytes - 1) / TransferFrame.ChunkBytes);
    }

    [Fact]
    public async Task ATargetThatStopsAnswering_FailsNamingTheOffset()
    {
        var link = new LoopbackTransferLink { Damage = (number, line) => number >= 2 ? null : line };
        ImageTransferException error = await Assert.ThrowsAsync<ImageTransferException>(() => new ImageSender(link, Options).SendAsync(Path, Image(2_000), CancellationToken.None));
        Assert.Equal("the target did not acknowledge the chunk at offset 256 after 4 tries (last: no answer within 0 s)", error.Message);
    }

    [Fact]
    public async Task AFrameDamagedEveryTime_FailsWithTheNak()
    {
        var link = new LoopbackTransferLink { Damage = (number, line) => line.StartsWith("@d 512 ", StringComparison.Ordinal) ? line.Replace('A', 'B') : line };
        ImageTransferException error = await Assert.ThrowsAsync<ImageTransferException>(() => new ImageSender(link, Options).SendAsync(Path, Image(2_000), CancellationToken.None));
        Assert.Equal("the target did not acknowledge the chunk at offset 512 after 4 tries (last: nak: line CRC mismatch)", error.Message);
    }

    [Fact]
    public async Task ARefusal_EndsTheTransferWithTheTargetsReason()
    {
        var link = new LoopbackTransferLink();
        var full = new LoopbackTransferLink { Store = new Kaal.Tests.Shared.Transfer.MemoryTransferStore(capacityBytes: 1_000) };
        ImageTransferException error = await Assert.ThrowsAsync<ImageTransferException>(() => new ImageSender(full, Options).SendAsync(Path, Image(2_000), CancellationToken.None));
        Assert.Equal($"the target refused the transfer at the chunk at offset 768: {Path}: at offset 768: no space left in the writable area", error.Message);
        await Assert.ThrowsAsync<ImageTransferException>(() => new ImageSender(link, Options).SendAsync(Path, [], CancellationToken.None));
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
