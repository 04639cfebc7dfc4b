namespace Kaal.Sdk.FileSystem;

/// <summary>
/// The fs service's IPC protocol (docs/hot-reload.md, "fs API"): files by path, read from the read-only image `kaal build`
/// makes from the manifest or from the writable area in RAM. Every request is a Call on the endpoint `ipc:fs:client`
/// (or `ipc:fs:writer`, whose badge carries <see cref="Runtime.Protocol.WriterBadge"/>) grants; the reply's label is an
/// <see cref="FsStatus"/>. Data travels in the message registers, so nothing but the endpoint is shared, and a client
/// cannot see another's data or the service's memory.
/// </summary>
public static class FileSystemProtocol
{
    /// <summary>The connection name: `ipc:fs:server`, `ipc:fs:client`, `ipc:fs:writer`.</summary>
    public const string ServiceName = "fs";

    /// <summary>A path is 1..32 printable ASCII bytes, zero-padded in MR0..MR3 (it holds no zero byte, so its end is the
    /// first zero).</summary>
    public const int MaxPathBytes = PathWords.MaxBytes;

    /// <summary>Stat: MR0..MR3 the path. Reply: MR0 the file's handle, MR1 its size in bytes, MR2 1 if it is in the
    /// writable area.</summary>
    public const ulong StatLabel = 0x501;

    /// <summary>Read: MR0 the handle, MR1 the offset. Reply: MR0..MR3 up to <see cref="ReadChunkBytes"/> bytes from the
    /// offset (fewer at the end of the file), their count in the label above the status (<see cref="ReadCountShift"/>).</summary>
    public const ulong ReadLabel = 0x502;

    /// <summary>Create: MR0..MR3 the path. Makes an empty file in the writable area, or empties the file a writer made
    /// there before. Reply: MR0 its handle. Writers only.</summary>
    public const ulong CreateLabel = 0x503;

    /// <summary>Write: MR0 = handle | count &lt;&lt; 8 | offset &lt;&lt; 32, MR1..MR3 the count (1..24) bytes. The offset
    /// may be at most the file's size (no holes), so sending a chunk again writes the same bytes. Reply: MR0 the file's
    /// size. Writers only.</summary>
    public const ulong WriteLabel = 0x504;

    public const int ReadChunkBytes = 32;
    public const int WriteChunkBytes = 24;

    /// <summary>A read reply's label is the status plus the byte count shifted by this.</summary>
    public const int ReadCountShift = 8;
}
