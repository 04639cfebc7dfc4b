using System;
using System.IO;
using Kaal.Hil;

namespace Kaal.Tests.Shared;

/// <summary>Locations in the repository, found by walking up from the test assembly to Kaal.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = RepositoryLayout.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"{RepositoryLayout.SolutionFile} not found above {AppContext.BaseDirectory}");

    public static string KernelProject => Path.Combine(Root, "Kaal.Kernel.Arm64", "Kaal.Kernel.Arm64.csproj");

    public static string UserProject => Path.Combine(Root, "Kaal.User.Arm64", "Kaal.User.Arm64.csproj");
}
