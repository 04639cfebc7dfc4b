using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Interop;

namespace Kaal.Hil.Processes;

/// <summary>
/// Runs a process to completion, to its time limit or until its token is cancelled, capturing stdout and stderr
/// together (the last <see cref="DefaultOutputCapChars"/> characters, or the caller's cap, with the cut said). The
/// process runs in a process group of its own (through setsid), and when it ends, times out or is stopped the whole
/// group is killed: a shell's background child (<c>sleep 150 &amp;</c>) neither survives it nor holds the run by keeping
/// the output pipe open. A process that escaped the group and still holds the pipe delays the result by at most
/// <see cref="DrainLimit"/>. Without setsid the process tree is killed instead (only when the limit passes).
/// </summary>
public static class BoundedProcess
{
    public const int DefaultOutputCapChars = 1024 * 1024;
    /// <summary>After the group is gone, how long the output may still be read (from a process outside the group).</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    private const int ReadChunkChars = 4096;
    private static readonly string? s_setsidPath = ExecutableSearch.Find("setsid");

    /// <summary>The synchronous form, for callers with nothing to cancel (tests, builds).</summary>
    public static ProcessOutcome Run(string fileName, string[] arguments, string workingDirectory, TimeSpan limit,
        Action<ProcessStartInfo>? configure = null) =>
        RunAsync(fileName, arguments, workingDirectory, limit, configure, DefaultOutputCapChars, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs the process; never throws for what the process does (a missing program throws what Process.Start
    /// throws). A cancelled token stops it as the limit does, and the outcome says <see cref="ProcessOutcome.Stopped"/>.</summary>
    public static async Task<ProcessOutcome> RunAsync(string fileName, string[] arguments, string workingDirectory, TimeSpan limit,
        Action<ProcessStartInfo>? configure, int outputCapChars, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(s_setsidPath ?? fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (s_setsidPath != null)
        {
            // setsid execs the program in place (a child of ours is never a group leader, so it does not fork): the
            // process we start is the program, and its id is the id of its new process group.
            startInfo.ArgumentList.Add(fileName);
        }
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        configure?.Invoke(startInfo);
        var output = new TextTail(outputCapChars);
        var stopwatch = Stopwatch.StartNew();
        using Process process = ChildProcesses.Start(startInfo);
        process.StandardInput.Close();
        Task readers = Task.WhenAll(CopyAsync(process.StandardOutput, output), CopyAsync(process.StandardError, output));
        bool exited = await WaitAsync(process, limit, cancellationToken).ConfigureAwait(false);
        KillGroup(process, exited);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        bool drained = await Task.WhenAny(readers, Task.Delay(DrainLimit, CancellationToken.None)).ConfigureAwait(false) == readers;
        if (!drained)
        {
            output.AppendLine($"[output cut: a process outside the command's group kept its output open for more than {DrainLimit.TotalSeconds:F0} s]");
        }
        return new ProcessOutcome(exited ? process.ExitCode : -1, !exited && !cancellationToken.IsCancellationRequested, output.ToString(), stopwatch.Elapsed)
        {
            Stopped = !exited && cancellationToken.IsCancellationRequested,
        };
    }

    /// <summary>True when the process exited by itself; false when the limit passed or the token was cancelled.</summary>
    private static async Task<bool> WaitAsync(Process process, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    /// <summary>Kills what is left of the process's group (everything, if it is still running itself). Without setsid
    /// there is no group of its own: the process tree is killed, and only when the process did not end by itself.</summary>
    private static void KillGroup(Process process, bool exited)
    {
        if (s_setsidPath != null)
        {
            LibC.Kill(-process.Id, LibC.KillSignal); // ESRCH when the group is already empty: nothing to do
        }
        else if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task CopyAsync(StreamReader reader, TextTail output)
    {
        var buffer = new char[ReadChunkChars];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                output.Append(new string(buffer, 0, read));
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // The process was disposed while a process outside its group still held the pipe: the output ends here.
        }
    }
}
