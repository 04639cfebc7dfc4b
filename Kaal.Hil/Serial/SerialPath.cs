using System.Runtime.InteropServices;
using Kaal.Hil.Interop;

namespace Kaal.Hil.Serial;

/// <summary>Finds out what a serial:PATH is before anything opens it, so that each kind of wrong path is said as such
/// (a directory is not "missing"; a socket with no listener is not "errno 6").</summary>
public static class SerialPath
{
    private const int TypeMask = 0xF000;   // S_IFMT
    private const int SocketType = 0xC000; // S_IFSOCK
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int CharacterType = 0x2000;
    private const int FifoType = 0x1000;

    public static unsafe SerialPathKind KindOf(string path)
    {
        byte* buffer = stackalloc byte[LibC.StatxBufferBytes];
        if (LibC.Statx(LibC.CurrentDirectory, path, 0, LibC.StatxType, buffer) != 0)
        {
            return Marshal.GetLastPInvokeError() == LibC.PermissionDenied ? SerialPathKind.NotAccessible : SerialPathKind.Missing;
        }
        int mode = *(ushort*)(buffer + LibC.StatxModeOffset);
        return (mode & TypeMask) switch
        {
            SocketType => SerialPathKind.Socket,
            RegularType => SerialPathKind.RegularFile,
            DirectoryType => SerialPathKind.Directory,
            CharacterType => SerialPathKind.CharacterDevice,
            FifoType => SerialPathKind.Fifo,
            _ => SerialPathKind.Other,
        };
    }

    /// <summary>Why opening a device failed, in words that say what to do; <paramref name="error"/> is the errno.</summary>
    public static string DescribeOpenFailure(string path, int error) => error == LibC.PermissionDenied
        ? $"no permission to open serial device {path} (permission denied): add the user to its group (ls -l {path}; usually dialout) or run with access to it"
        : $"cannot open serial device {path}: {LibC.Describe(error)}";
}
