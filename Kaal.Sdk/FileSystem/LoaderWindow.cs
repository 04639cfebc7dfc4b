using System;
using System.Buffers.Binary;

namespace Kaal.Sdk.FileSystem;

/// <summary>
/// How system_init's loader reads an image from the fs service without ever waiting on it in a way a fault of fs could
/// make endless (a supervisor must not block on a component it supervises; the timer service's wake page is the same
/// pattern). The two share one page. system_init writes a request (a sequence number, the path, an offset) and signals
/// fs's bound notification with <see cref="RequestBadge"/>; fs writes the answer (the same sequence number, a status,
/// the file's size, up to <see cref="DataBytes"/> bytes) and signals system_init's bound notification with
/// <see cref="AnsweredBadge"/>. Each side touches the page only between the other's signal and its own, so plain
/// copies are enough. system_init waits for the answer on its notification, where the timer service's signal for the
/// read's deadline also arrives: a fs that faults or hangs costs the read, never system_init.
/// </summary>
public static class LoaderWindow
{
    /// <summary>On fs's bound notification: a request is in the page.</summary>
    public const ulong RequestBadge = 1UL << 18;
    /// <summary>On system_init's bound notification: the answer is in the page (bit 0 is the timer service's wake).</summary>
    public const ulong AnsweredBadge = 1UL << 1;

    public const int RequestSequenceOffset = 0;
    public const int PathOffset = 8;
    public const int FileOffsetOffset = 40;
    public const int AnswerSequenceOffset = 64;
    public const int StatusOffset = 72;
    public const int SizeOffset = 80;
    public const int CountOffset = 88;
    public const int HeaderBytes = 128;
    public const int DataOffset = HeaderBytes;
    public const int DataBytes = 4096 - HeaderBytes;

    /// <summary>A request's header: <paramref name="sequence"/>, the path (zero-padded), the offset to read from.</summary>
    public static void WriteRequest(Span<byte> header, ulong sequence, string path, uint offset)
    {
        header.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(RequestSequenceOffset), sequence);
        for (int index = 0; index < path.Length && index < PathWords.MaxBytes; index++) header[PathOffset + index] = (byte)path[index];
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(FileOffsetOffset), offset);
    }

    public static ulong Read(ReadOnlySpan<byte> header, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(offset));

    /// <summary>The request's path, or null if the page carries none.</summary>
    public static string? RequestPath(ReadOnlySpan<byte> header) =>
        PathWords.Unpack(Read(header, PathOffset), Read(header, PathOffset + 8), Read(header, PathOffset + 16), Read(header, PathOffset + 24));

    /// <summary>An answer's header: the request's sequence, the status, the file's size and how many bytes follow.</summary>
    public static void WriteAnswer(Span<byte> header, ulong sequence, FsStatus status, ulong sizeBytes, int count)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(AnswerSequenceOffset), sequence);
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(StatusOffset), (ulong)status);
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(SizeOffset), sizeBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(CountOffset), (ulong)count);
    }
}
