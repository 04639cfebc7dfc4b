using System;
using System.Linq;
using System.Text;
using Kaal.Sdk.Transfer;
using Xunit;

namespace Kaal.Sdk.Tests.Transfer;

/// <summary>The transfer's line format: CRC-32 as zlib computes it, base64 as RFC 4648 (the BCL's Convert is the
/// oracle), frames that read back as written, and damage anywhere in a line seen by its CRC.</summary>
public sealed class TransferFrameTests
{
    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void Crc32_IsZlibs()
    {
        Assert.Equal(0xCBF43926u, Crc32.Of(Ascii("123456789")));
        Assert.Equal(0u, Crc32.Of([]));
        byte[] bytes = Enumerable.Range(0, 1000).Select(index => (byte)(index * 7)).ToArray();
        Assert.Equal(Crc32.Of(bytes), Crc32.Append(Crc32.Append(0, bytes.AsSpan(0, 333)), bytes.AsSpan(333)));
    }

    [Fact]
    public void Base64_MatchesTheBcl_AndRefusesWhatIsNotBase64()
    {
        var random = new Random(7);
        for (int length = 1; length <= TransferFrame.ChunkBytes; length++)
        {
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            var encoded = new byte[TransferBase64.EncodedLength(length)];
            Assert.Equal(encoded.Length, TransferBase64.Encode(bytes, encoded));
            Assert.Equal(Convert.ToBase64String(bytes), Encoding.ASCII.GetString(encoded));
            var decoded = new byte[TransferFrame.ChunkBytes];
            Assert.Equal(length, TransferBase64.Decode(encoded, decoded));
            Assert.Equal(bytes, decoded.Take(length));
        }
        var buffer = new byte[16];
        Assert.Equal(-1, TransferBase64.Decode(Ascii("QUJD*"), buffer));
        Assert.Equal(-1, TransferBase64.Decode(Ascii("QU=D"), buffer));
        Assert.Equal(-1, TransferBase64.Decode(Ascii("QU!D"), buffer));
        Assert.Equal(-1, TransferBase64.Decode(Ascii("QUJDQUJDQUJDQUJDQUJDQUJD"), new byte[3]));
    }

    [Fact]
    public void Frames_ReadBackAsWritten()
    {
        byte[] chunk = Enumerable.Range(0, TransferFrame.ChunkBytes).Select(index => (byte)(255 - index)).ToArray();
        var data = new byte[TransferFrame.ChunkBytes];
        string line = TransferFrame.Data(4_294_967_040, chunk);
        Assert.True(line.Length <= TransferFrame.MaxLineBytes, $"{line.Length} > {TransferFrame.MaxLineBytes}");
        TransferFrame parsed = TransferFrame.Parse(Ascii(line), data);
        Assert.Equal((TransferFrameKind.Data, (string?)null, 4_294_967_040u, TransferFrame.ChunkBytes), (parsed.Kind, parsed.Problem, parsed.Number, parsed.DataBytes));
        Assert.Equal(chunk, data);

        TransferFrame put = TransferFrame.Parse(Ascii(TransferFrame.Put("/delivered/consumer", 249_336, 0x1A2B3C4D)), data);
        Assert.Equal((TransferFrameKind.Put, (string?)null, "/delivered/consumer", 249_336u, 0x1A2B3C4Du), (put.Kind, put.Problem, put.Path, put.Number, put.ImageCrc));
        Assert.Equal(TransferFrameKind.End, TransferFrame.Parse(Ascii(TransferFrame.End()), data).Kind);
        Assert.Null(TransferFrame.Parse(Ascii(TransferFrame.End()), data).Problem);
    }

    [Fact]
    public void DamageAnywhereInAFrame_IsSeenByItsLineCrc()
    {
        string line = TransferFrame.Data(512, Enumerable.Range(0, 100).Select(index => (byte)index).ToArray());
        var data = new byte[TransferFrame.ChunkBytes];
        // Every position after the kind word, with a bit flipped that keeps the line printable.
        for (int position = 3; position < line.Length; position++)
        {
            byte[] damaged = Ascii(line);
            damaged[position] ^= 0x01;
            if (damaged[position] == (byte)' ') continue;
            TransferFrame parsed = TransferFrame.Parse(damaged, data);
            Assert.Equal(TransferFrameKind.Data, parsed.Kind);
            Assert.NotNull(parsed.Problem);
        }
    }

    [Theory]
    [InlineData("help")]
    [InlineData("reload consumer /delivered/consumer")]
    [InlineData("@reload consumer /delivered/consumer")]
    [InlineData("@")]
    [InlineData("")]
    public void CommandLines_AreNotFrames(string line) =>
        Assert.Equal(TransferFrameKind.None, TransferFrame.Parse(Ascii(line), new byte[TransferFrame.ChunkBytes]).Kind);

    [Theory]
    [InlineData("xfer ack 256", TransferAnswerKind.Ack, 256u, null)]
    [InlineData("xfer nak 512 line CRC mismatch", TransferAnswerKind.Nak, 512u, "line CRC mismatch")]
    [InlineData("xfer refused /d/x: truncated: 3 of 9 bytes arrived", TransferAnswerKind.Refused, 0u, "/d/x: truncated: 3 of 9 bytes arrived")]
    [InlineData("xfer ack", TransferAnswerKind.None, 0u, null)]
    [InlineData("xfers ack 1", TransferAnswerKind.None, 0u, null)]
    [InlineData("consumer version 2.0.0", TransferAnswerKind.None, 0u, null)]
    public void Answers_ReadBack(string text, TransferAnswerKind kind, uint number, string? reason)
    {
        TransferAnswer answer = TransferAnswer.Parse(Ascii(text));
        Assert.Equal((kind, number, reason), (answer.Kind, answer.Number, answer.Text));
    }

    [Fact]
    public void DoneAnswer_ReadsBackAsWritten()
    {
        TransferAnswer done = TransferAnswer.Parse(Ascii(TransferAnswer.Done("/delivered/consumer", 249_336, 0xDEADBEEF)));
        Assert.Equal((TransferAnswerKind.Done, "/delivered/consumer", 249_336u, 0xDEADBEEFu), (done.Kind, done.Path, done.Number, done.Crc));
    }
}
