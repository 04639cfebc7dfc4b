using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Processes;
using Kaal.Hil.Qmp;
using Kaal.Hil.Serial;

namespace Kaal.Hil.Qemu;

/// <summary>
/// One running QEMU: its process, QMP client and console stream, in a private temporary folder. Disposing it
/// (or cancelling its start) kills QEMU's whole process tree, waits for it, and removes the folder; a crash
/// of this process kills QEMU too (see <see cref="ChildProcesses"/>).
/// </summary>
public sealed class QemuSession : IAsyncDisposable
{
    /// <summary>How long QEMU may take to connect to the harness: it is seconds even on a loaded machine;
    /// this only bounds a QEMU that is stuck.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A SIGKILLed process is gone at once; the bound only keeps a broken kernel from hanging us.</summary>
    private static readonly TimeSpan KillWaitLimit = TimeSpan.FromSeconds(30);
    private const int StandardErrorTailChars = 64 * 1024;
    /// <summary>Lines of QEMU's stderr a start-up failure shows.</summary>
    private const int StandardErrorLinesShown = 20;
    /// <summary>QEMU closing its QMP socket means it is exiting; this bounds the wait for its exit code.</summary>
    private static readonly TimeSpan ExitGracePeriod = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly HilTempDirectory _directory;
    private readonly TextTail _standardError;
    private int _disposed;

    private QemuSession(Process process, HilTempDirectory directory, TextTail standardError, IReadOnlyList<string> arguments, QemuLaunchOptions options)
    {
        _process = process;
        _directory = directory;
        _standardError = standardError;
        Arguments = arguments;
        Options = options;
        ProcessId = process.Id;
        Exited = WaitForExitCodeAsync(process);
    }

    public QemuLaunchOptions Options { get; }

    /// <summary>QEMU's arguments (after the executable).</summary>
    public IReadOnlyList<string> Arguments { get; }

    public int ProcessId { get; }

    /// <summary>The QMP client (null when the options turned QMP off).</summary>
    public QmpClient? Qmp { get; private set; }

    /// <summary>The console (Socket and Pipe modes), buffered in memory from the start: read it for the guest's
    /// output, write it to type.</summary>
    public Stream? Serial { get; private set; }

    /// <summary>The console's path in Pty and ListeningSocket modes, for whatever stands in for a board's UART.</summary>
    public string? SerialDevicePath { get; private set; }

    /// <summary>Completes with QEMU's exit code when it ends (semihosting: the guest's exit code).</summary>
    public Task<int> Exited { get; }

    /// <summary>The last 64 KiB of QEMU's stderr (and stdout, unless stdout is the console).</summary>
    public string StandardError => _standardError.ToString();

    /// <summary>The session's private folder (sockets, memory dumps); deleted on dispose.</summary>
    public string WorkingDirectory => _directory.Path;

    /// <summary>Starts QEMU and connects to it. With QMP, QEMU starts stopped (-S) and the guest is let run (cont) only
    /// after the handshake, unless <see cref="QemuLaunchOptions.StartPaused"/>.</summary>
    /// <exception cref="QemuStartException">QEMU could not be started, exited during start-up (its exit code and the
    /// last lines of its stderr), or did not connect in time.</exception>
    public static async Task<QemuSession> StartAsync(QemuLaunchOptions options, CancellationToken cancellationToken = default, TimeSpan? startTimeout = null)
    {
        if (options.Serial == QemuSerialMode.Pty && !options.Qmp)
        {
            throw new ArgumentException("the pty serial mode needs QMP (query-chardev names the pty)", nameof(options));
        }
        TimeSpan timeout = startTimeout ?? DefaultStartTimeout;
        var directory = new HilTempDirectory();
        var listeners = new List<Socket>();
        Process? process = null;
        QemuSession? session = null;
        try
        {
            string qmpPath = directory.File("qmp.sock");
            string serialPath = directory.File("serial.sock");
            Socket? qmpListener = options.Qmp ? Listen(qmpPath, listeners) : null;
            Socket? serialListener = options.Serial == QemuSerialMode.Socket ? Listen(serialPath, listeners) : null;
            IReadOnlyList<string> arguments = QemuCommandLine.Build(options, qmpPath, serialPath);
            var standardError = new TextTail(StandardErrorTailChars);
            process = StartProcess(options, arguments, directory.Path, standardError);
            session = new QemuSession(process, directory, standardError, arguments, options);
            (Socket? qmp, Socket? serial) = await session.AcceptAsync(qmpListener, serialListener, timeout, cancellationToken).ConfigureAwait(false);
            session.AttachConsole(serial, serialPath);
            if (qmp != null)
            {
                await session.ConnectQmpAsync(qmp, timeout, cancellationToken).ConfigureAwait(false);
            }
            return session;
        }
        catch
        {
            if (session != null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                process?.Dispose();
                directory.Dispose();
            }
            throw;
        }
        finally
        {
            foreach (Socket listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>Lets the guest run (QMP cont). A guest may finish and QEMU exit before cont's reply is sent: that
    /// counts as done (its console and exit code are kept by the session).</summary>
    /// <exception cref="QmpException">QEMU is still running but cont failed.</exception>
    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        QmpClient qmp = Qmp ?? throw new InvalidOperationException("the session has no QMP connection to resume the guest with");
        try
        {
            await qmp.ContAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (QmpConnectionClosedException) when (!cancellationToken.IsCancellationRequested)
        {
            if (await ExitCodeWithinAsync(ExitGracePeriod).ConfigureAwait(false) == null)
            {
                throw;
            }
        }
    }

    /// <summary>Waits for QEMU to connect to the listening sockets; QEMU exiting first is a start-up failure.</summary>
    private async Task<(Socket? Qmp, Socket? Serial)> AcceptAsync(Socket? qmpListener, Socket? serialListener, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Task<Socket>? qmpAccept = qmpListener?.AcceptAsync(deadline.Token).AsTask();
        Task<Socket>? serialAccept = serialListener?.AcceptAsync(deadline.Token).AsTask();
        Task[] accepts = new[] { qmpAccept, serialAccept }.Where(task => task != null).Cast<Task>().ToArray();
        foreach (Task accept in accepts)
        {
            // An accept still pending when QEMU dies fails once its listener is closed; nobody waits for it then.
            _ = accept.ContinueWith(task => task.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
        Task connected = Task.WhenAll(accepts);
        if (await Task.WhenAny(connected, Exited).ConfigureAwait(false) != connected)
        {
            throw ExitedAtStartUp(await Exited.ConfigureAwait(false), "before connecting to the harness");
        }
        try
        {
            await connected.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new QemuStartException($"QEMU did not connect to the harness within {(long)timeout.TotalMilliseconds} ms{StandardErrorSection()}", null);
        }
        return (qmpAccept?.Result, serialAccept?.Result);
    }

    /// <summary>Starts draining the console at once: see BufferedConsoleStream for the deadlock this avoids.</summary>
    private void AttachConsole(Socket? serial, string serialPath)
    {
        if (serial != null)
        {
            Serial = new BufferedConsoleStream(new NetworkStream(serial, ownsSocket: true));
        }
        else if (Options.Serial == QemuSerialMode.Pipe)
        {
            Serial = new BufferedConsoleStream(_process.StandardOutput.BaseStream);
        }
        else if (Options.Serial == QemuSerialMode.ListeningSocket)
        {
            SerialDevicePath = serialPath;
        }
    }

    /// <summary>The QMP handshake (QEMU is still stopped, so it cannot end because the guest did), then cont. A QEMU that
    /// exits meanwhile is a start-up failure with its exit code and stderr, never a QMP protocol error.</summary>
    private async Task ConnectQmpAsync(Socket socket, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            Qmp = await QmpClient.ConnectAsync(new NetworkStream(socket, ownsSocket: true), timeout, cancellationToken).ConfigureAwait(false);
            if (Options.Serial == QemuSerialMode.Pty)
            {
                SerialDevicePath = await FindPtyAsync(Qmp, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (QmpException error) when (!cancellationToken.IsCancellationRequested)
        {
            if (await ExitCodeWithinAsync(ExitGracePeriod).ConfigureAwait(false) is int exitCode)
            {
                throw ExitedAtStartUp(exitCode, "during the QMP handshake");
            }
            throw new QemuStartException($"the QMP handshake with QEMU failed: {error.Message}{StandardErrorSection()}", null, error);
        }
        if (!Options.StartPaused)
        {
            await ResumeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private QemuStartException ExitedAtStartUp(int exitCode, string when) => new(
        $"QEMU exited {when} ({ExitStatus.Describe(exitCode)}): {Options.Executable} {string.Join(' ', Arguments)}{StandardErrorSection()}",
        exitCode);

    /// <summary>The last lines of QEMU's stderr, as a section of a message (empty when it wrote nothing).</summary>
    private string StandardErrorSection()
    {
        string[] lines = StandardError.TrimEnd().Split('\n');
        return lines is [""] ? "\nQEMU wrote nothing to stderr" : $"\nQEMU stderr (last lines):\n{string.Join('\n', lines.TakeLast(StandardErrorLinesShown))}";
    }

    /// <summary>QEMU's exit code if it ends within <paramref name="limit"/>, else null.</summary>
    private async Task<int?> ExitCodeWithinAsync(TimeSpan limit)
    {
        try
        {
            return await Exited.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Kills QEMU now (its whole process tree) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        await Exited.WaitAsync(KillWaitLimit).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            await KillAsync().ConfigureAwait(false);
        }
        finally
        {
            if (Qmp != null)
            {
                await Qmp.DisposeAsync().ConfigureAwait(false);
            }
            if (Serial != null)
            {
                await Serial.DisposeAsync().ConfigureAwait(false);
            }
            _process.Dispose();
            _directory.Dispose();
        }
    }

    private static Socket Listen(string path, List<Socket> listeners)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listeners.Add(socket);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(1);
        return socket;
    }

    private static Process StartProcess(QemuLaunchOptions options, IReadOnlyList<string> arguments, string workingDirectory, TextTail standardError)
    {
        var startInfo = new ProcessStartInfo(options.Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = ChildProcesses.Start(startInfo);
        }
        catch (Win32Exception error)
        {
            throw new QemuStartException($"cannot start '{options.Executable}': {error.Message} (install the Debian package qemu-system-arm)", null, error);
        }
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                standardError.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        if (options.Serial != QemuSerialMode.Pipe)
        {
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    standardError.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
        }
        return process;
    }

    private static async Task<int> WaitForExitCodeAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }

    private static async Task<string> FindPtyAsync(QmpClient qmp, CancellationToken cancellationToken)
    {
        const string PtyPrefix = "pty:";
        JsonElement chardevs = await qmp.ExecuteAsync("query-chardev", null, null, cancellationToken).ConfigureAwait(false);
        foreach (JsonElement chardev in chardevs.EnumerateArray())
        {
            string? fileName = chardev.TryGetProperty("filename", out JsonElement name) ? name.GetString() : null;
            if (fileName != null && fileName.StartsWith(PtyPrefix, StringComparison.Ordinal))
            {
                return fileName[PtyPrefix.Length..];
            }
        }
        throw new QemuStartException($"QEMU reports no pty chardev: {chardevs.GetRawText()}", null);
    }
}
