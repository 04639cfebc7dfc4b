namespace Kaal.Model;

/// <summary>
/// Word offsets in a thread's IPC buffer (1 KiB, seL4's seL4_IPCBuffer layout): the tag, 120 message
/// registers (the first 4 travel in CPU registers, their buffer words are unused), user data, three
/// capability addresses or received badges, and where received capabilities go.
/// </summary>
public static class IpcBuffer
{
    public const int SizeBits = 10;
    public const int Tag = 0;
    public const int FirstMessageWord = 1;
    public const int UserData = 121;
    public const int FirstCapOrBadge = 122;
    public const int ReceiveCNode = 125;
    public const int ReceiveIndex = 126;
    public const int ReceiveDepth = 127;
    public const int WordCount = 128;
}
