using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Kaal.Sdk.Discovery;

/// <summary>
/// Loads a user's assemblies by path for discovery (components, scenarios). They load into the tool's own context, so
/// their Kaal.Sdk is the tool's (one <see cref="Runtime.Component"/> type for both); anything else they reference is
/// looked for next to them, as their build output has it.
/// </summary>
public static class ComponentAssemblies
{
    private static readonly HashSet<string> ProbedFolders = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">the file does not exist or is not a .NET assembly.</exception>
    public static Assembly Load(string path)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new ArgumentException($"assembly '{path}' does not exist");
        lock (ProbedFolders)
        {
            if (ProbedFolders.Count == 0) AssemblyLoadContext.Default.Resolving += ResolveNextToLoaded;
            ProbedFolders.Add(Path.GetDirectoryName(fullPath)!);
        }
        try
        {
            return Assembly.LoadFrom(fullPath);
        }
        catch (Exception error) when (error is BadImageFormatException or FileLoadException)
        {
            throw new ArgumentException($"assembly '{path}' cannot be loaded: {error.Message}");
        }
    }

    private static Assembly? ResolveNextToLoaded(AssemblyLoadContext context, AssemblyName name)
    {
        string[] folders;
        lock (ProbedFolders) folders = [.. ProbedFolders];
        Array.Sort(folders, StringComparer.Ordinal);
        foreach (string folder in folders)
        {
            string candidate = Path.Combine(folder, name.Name + ".dll");
            if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }
}
