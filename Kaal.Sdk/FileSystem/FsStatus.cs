namespace Kaal.Sdk.FileSystem;

/// <summary>What the fs service answers a request with (the reply's label; <see cref="FsStatusNames"/> says each in
/// words).</summary>
public enum FsStatus : ulong
{
    Ok = 0,
    /// <summary>No file at the path.</summary>
    NotFound = 1,
    /// <summary>The path is empty, longer than 32 bytes or not printable ASCII.</summary>
    BadPath = 2,
    /// <summary>The path is a file of the read-only image: it cannot be created or written.</summary>
    ReadOnly = 3,
    /// <summary>The write would take the writable area past its size.</summary>
    NoSpace = 4,
    /// <summary>The writable area holds as many files as it can name.</summary>
    TooManyFiles = 5,
    /// <summary>The handle names no file (a handle from before the service was restarted, or made up).</summary>
    BadHandle = 6,
    /// <summary>A read at or past the end, or a write that would leave a hole.</summary>
    BadOffset = 7,
    /// <summary>A create or write through `ipc:fs:client`: only `ipc:fs:writer` may change files.</summary>
    NotWriter = 8,
    /// <summary>The request did not reach the service (the Call failed: no fs service, or it ended).</summary>
    Unreachable = 9,
    /// <summary>The service does not know the request (an fs of another protocol version).</summary>
    UnknownRequest = 10,
}
