using System;
using System.Diagnostics;
using System.Text;

namespace Kaal.Hil.Processes;

/// <summary>
/// Runs a process to completion or to its time limit, capturing stdout and stderr together. On the
/// limit the whole process tree is killed and waited for: nothing is ever left running.
/// </summary>
public static class BoundedProcess
{
    public static ProcessOutcome Run(string fileName, string[] arguments, string workingDirectory, TimeSpan limit,
        Action<ProcessStartInfo>? configure = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        configure?.Invoke(startInfo);
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using Process process = ChildProcesses.Start(startInfo);
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = false;
        try
        {
            exited = process.WaitForExit(limit);
        }
        finally
        {
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.WaitForExit(); // also drains the output readers
        }
        lock (output)
        {
            return new ProcessOutcome(exited ? process.ExitCode : -1, !exited, output.ToString(), stopwatch.Elapsed);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line == null)
        {
            return;
        }
        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }
}
