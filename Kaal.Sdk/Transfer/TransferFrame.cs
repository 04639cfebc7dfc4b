using System;

namespace Kaal.Sdk.Transfer;

/// <summary>
/// One line of an image transfer over a console (docs/hot-reload.md, "Delivering a new version"), both its writer (the
/// host) and its parser (the console service). A frame is printable ASCII, one line, starting with <see cref="Marker"/>
/// (serial_driver does not echo such a line) and ending with the CRC-32 of the text between the marker and the last
/// space, so any damage to the line (its kind, offset or data) is seen:
/// <code>
/// @put /delivered/consumer 249336 1A2B3C4D 5E6F7A8B     the path, the image's length and CRC-32
/// @d 0 f0VMRgIBAQAAAAAA...AAAA 0C1D2E3F                  a chunk's offset, its bytes in base64 (256 bytes: 344 characters)
/// @end 9A8B7C6D                                           every chunk was sent
/// </code>
/// </summary>
public readonly struct TransferFrame
{
    /// <summary>The first byte of every frame (and of a command a program sends: it is not echoed either).</summary>
    public const byte Marker = (byte)'@';
    /// <summary>Bytes per data frame: 344 base64 characters, a line of about 365 bytes.</summary>
    public const int ChunkBytes = 256;
    /// <summary>The longest frame: a data frame of <see cref="ChunkBytes"/> with a 10-digit offset, or a put with a
    /// 32-byte path.</summary>
    public const int MaxLineBytes = 1 + 2 + 10 + 1 + (ChunkBytes + 2) / 3 * 4 + 1 + 8;

    private TransferFrame(TransferFrameKind kind, string? problem, uint number = 0, uint imageCrc = 0, int dataBytes = 0, string? path = null)
    {
        Kind = kind;
        Problem = problem;
        Number = number;
        ImageCrc = imageCrc;
        DataBytes = dataBytes;
        Path = path;
    }

    public TransferFrameKind Kind { get; }

    /// <summary>Why the line is a damaged frame (its CRC does not match, a field is malformed), or null.</summary>
    public string? Problem { get; }

    /// <summary>Put: the image's length in bytes; Data: the chunk's offset.</summary>
    public uint Number { get; }

    /// <summary>Put: the CRC-32 of the whole image.</summary>
    public uint ImageCrc { get; }

    /// <summary>Data: how many bytes were decoded into the caller's buffer.</summary>
    public int DataBytes { get; }

    /// <summary>Put: where the image is to be stored.</summary>
    public string? Path { get; }

    /// <summary>Whether <paramref name="line"/> is meant as a frame: the marker and a frame's kind word. A damaged
    /// frame whose kind word is still readable is one (and is answered with a nak); one whose kind word is damaged is
    /// not, and the sender's timeout sends it again.</summary>
    public static TransferFrameKind KindOf(ReadOnlySpan<byte> line)
    {
        if (line.Length < 2 || line[0] != Marker) return TransferFrameKind.None;
        int position = 1;
        ReadOnlySpan<byte> word = TransferText.NextWord(line, ref position);
        return TransferText.Is(word, "put") ? TransferFrameKind.Put
            : TransferText.Is(word, "d") ? TransferFrameKind.Data
            : TransferText.Is(word, "end") ? TransferFrameKind.End
            : TransferFrameKind.None;
    }

    /// <summary>The frame <paramref name="line"/> (without its line break) carries; a data frame's bytes are decoded into
    /// <paramref name="data"/> (at least <see cref="ChunkBytes"/> long). Allocates only a put's path.</summary>
    public static TransferFrame Parse(ReadOnlySpan<byte> line, Span<byte> data)
    {
        TransferFrameKind kind = KindOf(line);
        if (kind == TransferFrameKind.None) return new TransferFrame(kind, null);
        int lastSpace = line.Length - 1;
        while (lastSpace > 0 && line[lastSpace] != (byte)' ') lastSpace--;
        ReadOnlySpan<byte> body = line.Slice(1, Math.Max(lastSpace - 1, 0));
        if (!TransferText.TryHex8(line.Slice(lastSpace + 1), out uint lineCrc)) return new TransferFrame(kind, "no line CRC at its end");
        if (Crc32.Of(body) != lineCrc) return new TransferFrame(kind, "line CRC mismatch");
        int position = 0;
        TransferText.NextWord(body, ref position);
        return kind switch
        {
            TransferFrameKind.Put => ParsePut(body, position),
            TransferFrameKind.Data => ParseData(body, position, data),
            _ => position >= body.Length ? new TransferFrame(kind, null) : new TransferFrame(kind, "text after end"),
        };
    }

    private static TransferFrame ParsePut(ReadOnlySpan<byte> body, int position)
    {
        ReadOnlySpan<byte> path = TransferText.NextWord(body, ref position);
        bool lengthRead = TransferText.TryDecimal(TransferText.NextWord(body, ref position), out uint length);
        bool crcRead = TransferText.TryHex8(TransferText.NextWord(body, ref position), out uint imageCrc);
        if (path.Length == 0 || !lengthRead || !crcRead || position < body.Length) return new TransferFrame(TransferFrameKind.Put, "not 'put PATH LENGTH CRC'");
        return new TransferFrame(TransferFrameKind.Put, null, length, imageCrc, path: TransferText.Text(path));
    }

    private static TransferFrame ParseData(ReadOnlySpan<byte> body, int position, Span<byte> data)
    {
        bool offsetRead = TransferText.TryDecimal(TransferText.NextWord(body, ref position), out uint offset);
        ReadOnlySpan<byte> text = TransferText.NextWord(body, ref position);
        int decoded = TransferBase64.Decode(text, data.Slice(0, Math.Min(data.Length, ChunkBytes)));
        if (!offsetRead || position < body.Length) return new TransferFrame(TransferFrameKind.Data, "not 'd OFFSET BASE64'");
        if (decoded <= 0) return new TransferFrame(TransferFrameKind.Data, $"data that is not base64 of 1..{ChunkBytes} bytes");
        return new TransferFrame(TransferFrameKind.Data, null, offset, dataBytes: decoded);
    }

    /// <summary>`@put PATH LENGTH IMAGECRC LINECRC`.</summary>
    public static string Put(string path, uint lengthBytes, uint imageCrc) => Sealed($"put {path} {lengthBytes} {imageCrc:X8}");

    /// <summary>`@d OFFSET BASE64 LINECRC` for <paramref name="chunk"/> (1..<see cref="ChunkBytes"/> bytes).</summary>
    public static string Data(uint offset, ReadOnlySpan<byte> chunk)
    {
        var encoded = new byte[TransferBase64.EncodedLength(chunk.Length)];
        TransferBase64.Encode(chunk, encoded);
        return Sealed($"d {offset} {TransferText.Text(encoded)}");
    }

    /// <summary>`@end LINECRC`.</summary>
    public static string End() => Sealed("end");

    /// <summary>The marker, <paramref name="body"/> and the CRC of the body.</summary>
    private static string Sealed(string body) => $"@{body} {Crc32.Of(System.Text.Encoding.ASCII.GetBytes(body)):X8}";
}
