using System;
using System.IO;

namespace Kaal.Hil.Qemu;

/// <summary>A private folder for one QEMU session's sockets and memory dumps, removed with the session.
/// Short names, because a Unix socket path must fit in 108 bytes.</summary>
public sealed class HilTempDirectory : IDisposable
{
    public HilTempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("kaal-hil-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
