using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;

namespace Kaal.Hil.Qemu;

/// <summary>
/// A private folder for one QEMU session's sockets and memory dumps, removed with the session. Short names, because a
/// Unix socket path must fit in 108 bytes. The name carries its owner: <c>kaal-hil-PID-START-XXXXXX</c>, the process id
/// and its start time (clock ticks after boot, /proc/PID/stat field 22; with it a reused process id is not taken for
/// the owner). A harness killed outright (SIGKILL) cannot remove its folder, so the first folder a process creates
/// first removes the folders of owners that are gone (<see cref="RemoveStale"/>); folders of running owners, and
/// folders whose name does not say an owner, are never touched.
/// </summary>
public sealed partial class HilTempDirectory : IDisposable
{
    public const string Prefix = "kaal-hil-";

    private static int s_staleRemoved;

    public HilTempDirectory()
    {
        if (Interlocked.Exchange(ref s_staleRemoved, 1) == 0)
        {
            RemoveStale(System.IO.Path.GetTempPath());
        }
        Path = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-{StartTimeOf(Environment.ProcessId)}-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Removes the <c>kaal-hil-PID-START-*</c> folders under <paramref name="tempRoot"/> whose owner is no longer
    /// running (no such process, or a process with that id that started at another time). Returns what it removed;
    /// a folder that cannot be removed (another user's) is left alone.</summary>
    public static IReadOnlyList<string> RemoveStale(string tempRoot)
    {
        var removed = new List<string>();
        foreach (string folder in Directory.EnumerateDirectories(tempRoot, Prefix + "*"))
        {
            Match owner = OwnerName().Match(System.IO.Path.GetFileName(folder));
            if (!owner.Success || IsRunning(int.Parse(owner.Groups[1].Value, CultureInfo.InvariantCulture), owner.Groups[2].Value))
            {
                continue;
            }
            try
            {
                Directory.Delete(folder, recursive: true);
                removed.Add(folder);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile (another harness cleaned it) or not ours to remove.
            }
        }
        return removed;
    }

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

    private static bool IsRunning(int processId, string startTime) => StartTimeOf(processId) == startTime;

    /// <summary>The process's start time as /proc says it; "0" when there is no such process (or no /proc).</summary>
    private static string StartTimeOf(int processId)
    {
        string stat;
        try
        {
            stat = System.IO.File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "0";
        }
        // "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses; field 22 is the 20th after it.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 ? fields[19] : "0";
    }

    [GeneratedRegex(@"^kaal-hil-(\d{1,9})-(\d+)-")]
    private static partial Regex OwnerName();
}
