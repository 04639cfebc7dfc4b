using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kaal.Sdk.Transfer;
using Kaal.Tests.Shared.Transfer;
using Xunit;

namespace Kaal.Sdk.Tests.Transfer;

/// <summary>The console service's side of a transfer: chunks stored in order, a damaged or out-of-order frame answered
/// with a nak naming the offset it wants, a chunk sent again acknowledged without harm, and an image that is truncated,
/// has the wrong CRC or runs past its length refused with nothing loadable left at its path.</summary>
public sealed class TransferReceiverTests
{
    private const string Path = "/delivered/consumer";

    private readonly TransferReceiver _receiver = new();
    private readonly MemoryTransferStore _store = new();

    private static byte[] Image(int length) => Enumerable.Range(0, length).Select(index => (byte)(index * 31 + 5)).ToArray();

    private async Task<TransferAnswer> SendAsync(string line)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(line);
        string? answer = await _receiver.AnswerAsync(bytes, bytes.Length, _store);
        Assert.NotNull(answer);
        return TransferAnswer.Parse(Encoding.ASCII.GetBytes(answer));
    }

    private Task<TransferAnswer> ChunkAsync(byte[] image, int offset) =>
        SendAsync(TransferFrame.Data((uint)offset, image.AsSpan(offset, Math.Min(TransferFrame.ChunkBytes, image.Length - offset))));

    [Fact]
    public async Task AnImage_IsStoredChunkByChunk_AndConfirmedWithItsCrc()
    {
        byte[] image = Image(1000);
        Assert.Equal((TransferAnswerKind.Ack, 0u), Pair(await SendAsync(TransferFrame.Put(Path, 1000, Crc32.Of(image)))));
        for (int offset = 0; offset < image.Length; offset += TransferFrame.ChunkBytes)
        {
            Assert.Equal((TransferAnswerKind.Ack, (uint)Math.Min(offset + TransferFrame.ChunkBytes, 1000)), Pair(await ChunkAsync(image, offset)));
        }
        TransferAnswer done = await SendAsync(TransferFrame.End());
        Assert.Equal((TransferAnswerKind.Done, Path, 1000u, Crc32.Of(image)), (done.Kind, done.Path, done.Number, done.Crc));
        Assert.Equal(image, _store.Files[Path]);
        // The end sent again (its answer lost) gets the same answer.
        Assert.Equal(TransferAnswerKind.Done, (await SendAsync(TransferFrame.End())).Kind);
    }

    [Fact]
    public async Task ADamagedFrame_IsNakedWithTheOffsetWanted_AndChangesNothing()
    {
        byte[] image = Image(600);
        await SendAsync(TransferFrame.Put(Path, 600, Crc32.Of(image)));
        await ChunkAsync(image, 0);
        string line = TransferFrame.Data(256, image.AsSpan(256, 256));
        string damaged = line[..20] + (line[20] == 'A' ? 'B' : 'A') + line[21..];
        TransferAnswer nak = await SendAsync(damaged);
        Assert.Equal((TransferAnswerKind.Nak, 256u, "line CRC mismatch"), (nak.Kind, nak.Number, nak.Text));
        Assert.Equal(256, _store.Files[Path].Count);
        Assert.Equal((TransferAnswerKind.Ack, 512u), Pair(await SendAsync(line)));
    }

    [Fact]
    public async Task AChunkSentAgain_IsAcknowledged_AndOneAheadIsNaked()
    {
        byte[] image = Image(800);
        await SendAsync(TransferFrame.Put(Path, 800, Crc32.Of(image)));
        await ChunkAsync(image, 0);
        await ChunkAsync(image, 256);
        int writes = _store.Writes;
        Assert.Equal((TransferAnswerKind.Ack, 512u), Pair(await ChunkAsync(image, 256)));
        Assert.Equal(writes, _store.Writes);
        TransferAnswer ahead = await ChunkAsync(image, 768);
        Assert.Equal((TransferAnswerKind.Nak, 512u, "expected the chunk at 512"), (ahead.Kind, ahead.Number, ahead.Text));
    }

    [Fact]
    public async Task ATruncatedImage_IsRefused_AndItsPathEmptied()
    {
        byte[] image = Image(700);
        await SendAsync(TransferFrame.Put(Path, 700, Crc32.Of(image)));
        await ChunkAsync(image, 0);
        await ChunkAsync(image, 256);
        TransferAnswer refused = await SendAsync(TransferFrame.End());
        Assert.Equal((TransferAnswerKind.Refused, $"{Path}: truncated: 512 of 700 bytes arrived"), (refused.Kind, refused.Text));
        Assert.Empty(_store.Files[Path]);
        // The transfer is over: a chunk now is refused too.
        Assert.Equal(TransferAnswerKind.Refused, (await ChunkAsync(image, 512)).Kind);
    }

    [Fact]
    public async Task AnImageWhoseCrcIsNotThePuts_IsRefused()
    {
        byte[] image = Image(300);
        await SendAsync(TransferFrame.Put(Path, 300, Crc32.Of(image) ^ 1));
        await ChunkAsync(image, 0);
        await ChunkAsync(image, 256);
        TransferAnswer refused = await SendAsync(TransferFrame.End());
        Assert.Equal((TransferAnswerKind.Refused, $"{Path}: the image's CRC-32 is {Crc32.Of(image):X8}, the put said {Crc32.Of(image) ^ 1:X8}"), (refused.Kind, refused.Text));
        Assert.Empty(_store.Files[Path]);
    }

    [Fact]
    public async Task AChunkPastTheLength_OrWithoutAPut_OrThatTheStoreRefuses_IsRefused()
    {
        byte[] image = Image(400);
        Assert.Equal("no transfer under way: a put comes first", (await ChunkAsync(image, 0)).Text);
        await SendAsync(TransferFrame.Put(Path, 200, 0));
        Assert.Equal($"{Path}: the chunk at 0 of 256 bytes runs past the image's length 200", (await ChunkAsync(image, 0)).Text);
        var small = new MemoryTransferStore(capacityBytes: 300);
        var receiver = new TransferReceiver();
        foreach (string line in new[] { TransferFrame.Put(Path, 400, Crc32.Of(image)), TransferFrame.Data(0, image.AsSpan(0, 256)) })
        {
            Assert.StartsWith("xfer ack", await receiver.AnswerAsync(Encoding.ASCII.GetBytes(line), line.Length, small));
        }
        string last = TransferFrame.Data(256, image.AsSpan(256));
        Assert.Equal($"xfer refused {Path}: at offset 256: no space left in the writable area", await receiver.AnswerAsync(Encoding.ASCII.GetBytes(last), last.Length, small));
        Assert.Empty(small.Files[Path]);
    }

    [Fact]
    public async Task ACommandLine_IsNotAnswered()
    {
        byte[] line = Encoding.ASCII.GetBytes("reload consumer /delivered/consumer");
        Assert.Null(await _receiver.AnswerAsync(line, line.Length, _store));
    }

    private static (TransferAnswerKind, uint) Pair(TransferAnswer answer) => (answer.Kind, answer.Number);
}
