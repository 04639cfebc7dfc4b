namespace Kaal.Sdk.FileSystem;

/// <summary>Each <see cref="FsStatus"/> in words, without reflection (the EL0 image has none).</summary>
public static class FsStatusNames
{
    public static string Describe(this FsStatus status) => status switch
    {
        FsStatus.Ok => "ok",
        FsStatus.NotFound => "no such file",
        FsStatus.BadPath => $"not a path (1..{FileSystemProtocol.MaxPathBytes} printable ASCII characters)",
        FsStatus.ReadOnly => "the file is in the read-only image",
        FsStatus.NoSpace => "the writable area is full",
        FsStatus.TooManyFiles => "the writable area holds as many files as it can",
        FsStatus.BadHandle => "no file has that handle",
        FsStatus.BadOffset => "the offset is past the end of the file",
        FsStatus.NotWriter => "only an ipc:fs:writer end may create or write files",
        FsStatus.Unreachable => "the fs service did not answer",
        FsStatus.UnknownRequest => "the fs service does not know the request",
        _ => $"fs status {(ulong)status}",
    };
}
