using System.Runtime.InteropServices;

namespace Kaal.Hil.Interop;

/// <summary>The few POSIX calls a serial device needs that .NET does not offer: non-blocking open, poll with a
/// timeout (a blocking read on a tty cannot be cancelled), and termios set-up. Linux values.
/// The termios structure is only ever handled by libc itself (tcgetattr, cfmakeraw, cfsetspeed, tcsetattr),
/// so its layout is never spelled out here: a buffer larger than any libc's struct termios is enough.</summary>
internal static partial class LibC
{
    public const int ReadWrite = 0x2;          // O_RDWR
    public const int NoControllingTty = 0x100; // O_NOCTTY
    public const int NonBlocking = 0x800;      // O_NONBLOCK
    public const int CloseOnExec = 0x80000;    // O_CLOEXEC
    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollError = 0x8;
    public const short PollHangUp = 0x10;
    public const int Interrupted = 4;          // EINTR
    public const int InputOutputError = 5;     // EIO: a pty whose other side closed
    public const int TryAgain = 11;            // EAGAIN
    public const int NotATerminal = 25;        // ENOTTY
    public const int SetNow = 0;               // TCSANOW
    public const int KillSignal = 9;           // SIGKILL
    public const int PermissionDenied = 13;    // EACCES
    public const int NoSuchFile = 2;           // ENOENT
    public const int CurrentDirectory = -100;  // AT_FDCWD
    public const uint StatxType = 0x1;         // STATX_TYPE
    /// <summary>struct statx is the same on every Linux architecture: stx_mode (u16) sits at byte 28.</summary>
    public const int StatxModeOffset = 28;
    public const int StatxBufferBytes = 256;
    public const int TermiosBufferBytes = 256;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int descriptor, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int descriptor, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* descriptors, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static unsafe partial int GetTerminalAttributes(int descriptor, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static unsafe partial int SetTerminalAttributes(int descriptor, int when, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static unsafe partial void MakeRaw(byte* termios);

    /// <summary>glibc accepts a plain baud rate (115200) as well as the B115200 constant.</summary>
    [LibraryImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    public static unsafe partial int SetSpeed(byte* termios, uint speed);

    /// <summary>kill(2); a negative <paramref name="processId"/> is a whole process group.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int processId, int signal);

    /// <summary>statx(2), following symbolic links (/dev/serial0 is one).</summary>
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrError(int error);

    public static string Describe(int error) => $"{Marshal.PtrToStringUTF8(StrError(error))} (errno {error})";
}
