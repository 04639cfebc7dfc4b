using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Kaal.Hil.Processes;

/// <summary>
/// Starts child processes so that they die with this process, even when it is killed outright (SIGKILL, a
/// crashed test host): on Linux each child is exec'ed through <c>setpriv --pdeathsig KILL</c>, which asks the
/// kernel to kill it when its parent thread ends. The parent is the thread that forked, not the process, so
/// every start happens on one dedicated thread that lives as long as the process (a thread-pool thread can
/// retire and would take its children with it). Without setpriv children are started plainly; disposing
/// their owners still kills them, but a hard crash of this process would leave them running.
/// </summary>
public static class ChildProcesses
{
    private const string SetprivExecutable = "setpriv";

    private static readonly BlockingCollection<StartRequest> s_requests = new();
    private static readonly string? s_setprivPath = ExecutableSearch.Find(SetprivExecutable);
    private static readonly Lazy<Thread> s_starter = new(StartStarterThread);

    /// <summary>Starts the process (throws what Process.Start throws, e.g. Win32Exception for a missing program).</summary>
    public static Process Start(ProcessStartInfo startInfo)
    {
        if (s_setprivPath != null)
        {
            string[] original = [startInfo.FileName, .. startInfo.ArgumentList];
            startInfo.FileName = s_setprivPath;
            startInfo.ArgumentList.Clear();
            foreach (string argument in (string[])["--pdeathsig", "KILL", "--", .. original])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        _ = s_starter.Value;
        var request = new StartRequest(startInfo, new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously));
        s_requests.Add(request);
        return request.Started.Task.GetAwaiter().GetResult();
    }

    private static Thread StartStarterThread()
    {
        var thread = new Thread(ServeRequests) { IsBackground = true, Name = "Kaal.Hil child process starter" };
        thread.Start();
        return thread;
    }

    private static void ServeRequests()
    {
        foreach (StartRequest request in s_requests.GetConsumingEnumerable())
        {
            var process = new Process { StartInfo = request.StartInfo };
            try
            {
                process.Start();
                request.Started.SetResult(process);
            }
            catch (Exception error)
            {
                process.Dispose();
                request.Started.SetException(error);
            }
        }
    }

    private sealed record StartRequest(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started);
}
