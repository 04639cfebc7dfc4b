using System;
using System.IO;
using System.Linq;

namespace Kaal.Hil.Processes;

/// <summary>Finds a program the way a shell would: a path as it is, a bare name on PATH.</summary>
public static class ExecutableSearch
{
    public static string? Find(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
