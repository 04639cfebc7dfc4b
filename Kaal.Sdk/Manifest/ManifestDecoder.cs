using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Unicode;

namespace Kaal.Sdk.Manifest;

/// <summary>Manifest bytes to text. TOML files are UTF-8: a UTF-8 byte order mark is skipped, any other (UTF-16,
/// UTF-32) is refused, and every byte that is not UTF-8 is reported at its line:col (then read as U+FFFD, so the rest
/// of the file is still checked). Nothing is guessed and nothing is dropped silently.</summary>
public static class ManifestDecoder
{
    /// <summary>The largest manifest read: a real one is a few KiB; 16 MiB bounds what a hostile file can cost.</summary>
    public const int MaxBytes = 16 << 20;

    private static readonly (byte[] Mark, string Encoding)[] ForeignMarks =
    {
        (new byte[] { 0xFF, 0xFE, 0x00, 0x00 }, "UTF-32 (little-endian)"),
        (new byte[] { 0x00, 0x00, 0xFE, 0xFF }, "UTF-32 (big-endian)"),
        (new byte[] { 0xFF, 0xFE }, "UTF-16 (little-endian)"),
        (new byte[] { 0xFE, 0xFF }, "UTF-16 (big-endian)"),
    };

    private static readonly byte[] Utf8Mark = { 0xEF, 0xBB, 0xBF };

    /// <summary>The text of <paramref name="bytes"/>; problems are appended to <paramref name="problems"/>. A file in
    /// another encoding, or over <see cref="MaxBytes"/>, gives one problem and null: it is not read at all.</summary>
    public static string? Decode(byte[] bytes, string file, List<ManifestProblem> problems)
    {
        var start = new SourceLocation(file, 1, 1);
        if (bytes.Length > MaxBytes)
        {
            problems.Add(new ManifestProblem(start, TooLarge(bytes.Length)));
            return null;
        }
        foreach ((byte[] mark, string encoding) in ForeignMarks)
        {
            if (bytes.AsSpan().StartsWith(mark))
            {
                problems.Add(new ManifestProblem(start, $"the manifest is {encoding} (it starts with the byte order mark {Hex(mark)}); TOML files are UTF-8: save it as UTF-8"));
                return null;
            }
        }
        if (bytes.Length >= 2 && (bytes[0] == 0) != (bytes[1] == 0))
        {
            problems.Add(new ManifestProblem(start, "the manifest looks like UTF-16 without a byte order mark (every other byte is zero); TOML files are UTF-8: save it as UTF-8"));
            return null;
        }
        ReadOnlySpan<byte> body = bytes.AsSpan().StartsWith(Utf8Mark) ? bytes.AsSpan(Utf8Mark.Length) : bytes;
        return Utf8.IsValid(body) ? Encoding.UTF8.GetString(body) : DecodeReporting(body, file, problems);
    }

    /// <summary>The wording both the decoder and <see cref="ManifestFile"/> use for an oversized file.</summary>
    public static string TooLarge(long length) => $"the manifest is {length} bytes; the limit is {MaxBytes} bytes (16 MiB)";

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (byte b in bytes) text.Append(text.Length == 0 ? "" : " ").Append(b.ToString("X2"));
        return text.ToString();
    }

    /// <summary>The slow path, for a file that is not valid UTF-8: decodes rune by rune, counting lines and columns
    /// (UTF-16 code units, as everywhere in the manifest's messages) to say where each bad sequence starts.</summary>
    private static string DecodeReporting(ReadOnlySpan<byte> body, string file, List<ManifestProblem> problems)
    {
        var text = new StringBuilder(body.Length);
        int line = 1;
        int column = 1;
        while (!body.IsEmpty)
        {
            OperationStatus status = Rune.DecodeFromUtf8(body, out Rune rune, out int consumed);
            if (status != OperationStatus.Done)
            {
                string what = consumed == 1 ? $"byte 0x{body[0]:X2}" : $"bytes {Hex(body[..consumed])}";
                string why = status == OperationStatus.NeedMoreData ? "a UTF-8 sequence cut short by the end of the file" : "not UTF-8";
                problems.Add(new ManifestProblem(new SourceLocation(file, line, column), $"{what}: {why}; the manifest must be UTF-8 text"));
                rune = Rune.ReplacementChar;
            }
            text.Append(rune.ToString());
            body = body[consumed..];
            column += rune.Utf16SequenceLength;
            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
        }
        return text.ToString();
    }
}
