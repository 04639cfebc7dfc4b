using System;
using System.Collections.Generic;
using System.IO;

namespace Kaal.Tests.Shared;

/// <summary>Reads the process table (/proc) to find QEMU processes: the proof that nothing was left behind.
/// (Source shared by the test projects that boot QEMU.)</summary>
public static class ProcessTable
{
    /// <summary>/proc/PID/comm holds at most 15 characters of the program name.</summary>
    private const string QemuCommand = "qemu-system-aar";

    /// <summary>QEMU processes (zombies included: an unreaped child is a leak too) whose parent is <paramref name="parentId"/>.</summary>
    public static IReadOnlyList<int> QemuChildrenOf(int parentId)
    {
        var children = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int processId))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended while we looked
            }
            // "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses, so split at the last ')'.
            int open = stat.IndexOf('(');
            int close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                continue;
            }
            string command = stat[(open + 1)..close];
            string[] rest = stat[(close + 2)..].Split(' ');
            if (command == QemuCommand && rest.Length > 1 && int.TryParse(rest[1], out int parent) && parent == parentId)
            {
                children.Add(processId);
            }
        }
        return children;
    }

    public static bool IsAlive(int processId) => Directory.Exists($"/proc/{processId}");

    public static IReadOnlyList<int> OurQemuChildren() => QemuChildrenOf(Environment.ProcessId);
}
