using System;

namespace Kaal.Sdk.Transfer;

/// <summary>
/// A console service's answer to a transfer frame (<see cref="TransferFrame"/>), printed as its console line (after the
/// `[name] ` prefix) and read back by the host: writer and parser together. Every answer starts with
/// <see cref="Prefix"/>, so the host finds them among the other components' lines without knowing the service's name.
/// </summary>
public readonly struct TransferAnswer
{
    public const string Prefix = "xfer";

    private TransferAnswer(TransferAnswerKind kind, uint number = 0, string? text = null, uint crc = 0, string? path = null)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Crc = crc;
        Path = path;
    }

    public TransferAnswerKind Kind { get; }

    /// <summary>Ack and nak: the next offset the service expects; done: the image's length.</summary>
    public uint Number { get; }

    /// <summary>Nak and refused: the reason.</summary>
    public string? Text { get; }

    /// <summary>Done: the stored image's CRC-32.</summary>
    public uint Crc { get; }

    /// <summary>Done: where the image is stored.</summary>
    public string? Path { get; }

    public static string Ack(uint next) => $"{Prefix} ack {next}";

    public static string Nak(uint next, string reason) => $"{Prefix} nak {next} {reason}";

    public static string Done(string path, uint lengthBytes, uint crc) => $"{Prefix} done {path} {lengthBytes} {crc:X8}";

    public static string Refused(string reason) => $"{Prefix} refused {reason}";

    /// <summary>The answer a component line's text (without its `[name] ` prefix) carries; <see cref="TransferAnswerKind.None"/>
    /// for any other line.</summary>
    public static TransferAnswer Parse(ReadOnlySpan<byte> text)
    {
        int position = 0;
        if (!TransferText.Is(TransferText.NextWord(text, ref position), Prefix)) return default;
        ReadOnlySpan<byte> kind = TransferText.NextWord(text, ref position);
        if (TransferText.Is(kind, "refused")) return new TransferAnswer(TransferAnswerKind.Refused, text: TransferText.Text(TransferText.Rest(text, position)));
        if (TransferText.Is(kind, "done"))
        {
            ReadOnlySpan<byte> path = TransferText.NextWord(text, ref position);
            bool lengthRead = TransferText.TryDecimal(TransferText.NextWord(text, ref position), out uint length);
            bool crcRead = TransferText.TryHex8(TransferText.NextWord(text, ref position), out uint crc);
            return path.Length > 0 && lengthRead && crcRead ? new TransferAnswer(TransferAnswerKind.Done, length, crc: crc, path: TransferText.Text(path)) : default;
        }
        bool ack = TransferText.Is(kind, "ack");
        if (!ack && !TransferText.Is(kind, "nak")) return default;
        if (!TransferText.TryDecimal(TransferText.NextWord(text, ref position), out uint next)) return default;
        return ack ? new TransferAnswer(TransferAnswerKind.Ack, next) : new TransferAnswer(TransferAnswerKind.Nak, next, TransferText.Text(TransferText.Rest(text, position)));
    }
}
