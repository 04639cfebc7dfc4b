using System;
using System.IO;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>Locations in the repository, found by walking up from the test assembly to Kaal.sln.</summary>
internal static class RepositoryPaths
{
    private const int MaxParentLevels = 12;

    public static string Root { get; } = FindRoot();

    public static string KernelProject => Path.Combine(Root, "Kaal.Kernel.Arm64", "Kaal.Kernel.Arm64.csproj");

    private static string FindRoot()
    {
        DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (int level = 0; level < MaxParentLevels && directory != null; level++, directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kaal.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Kaal.sln not found above {AppContext.BaseDirectory}");
    }
}
