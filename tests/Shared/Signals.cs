using System.Runtime.InteropServices;
using Xunit;

namespace Kaal.Tests.Shared;

/// <summary>Sends a POSIX signal to a process: how these tests make QEMU crash (SIGABRT is what an assertion
/// failure inside QEMU raises) or make a harness die without cleaning up (SIGKILL).</summary>
public static partial class Signals
{
    public const int Kill = 9;
    public const int Abort = 6;
    public const int Interrupt = 2;
    public const int Terminate = 15;

    public static void Send(int processId, int signal) =>
        Assert.True(SendSignal(processId, signal) == 0, $"kill({processId}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int processId, int signal);
}
