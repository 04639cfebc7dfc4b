using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Kaal.Cli;

/// <summary>
/// SIGINT and SIGTERM for the length of one command: the first one cancels the command's token, and the command stops
/// cleanly (kaal hil run kills QEMU, prints the summary as "interrupted" and writes the JUnit of what ran); kaal then
/// exits 130 or 143. A command that does not stop within <see cref="GracePeriod"/> (one that never looks at the
/// token) is ended there with the same code; child processes die with it (their parent-death signal).
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private Timer? _forcedExit;
    private int _exitCode;

    public InterruptSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, ExitCode.Interrupted));
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, ExitCode.Terminated));
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>130 or 143 once a signal came; null before.</summary>
    public int? ReceivedExitCode => Volatile.Read(ref _exitCode) is int code and not 0 ? code : null;

    public void Dispose()
    {
        _forcedExit?.Dispose();
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context, int exitCode)
    {
        context.Cancel = true; // the command stops itself; the process is not ended under it
        if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) != 0)
        {
            return;
        }
        Console.Error.WriteLine($"kaal: {(exitCode == ExitCode.Interrupted ? "interrupted (SIGINT)" : "terminated (SIGTERM)")}: stopping");
        _forcedExit = new Timer(_ => Environment.Exit(exitCode), null, GracePeriod, Timeout.InfiniteTimeSpan);
        _cancellation.Cancel();
    }
}
