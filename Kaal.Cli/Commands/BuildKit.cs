using System;
using System.IO;

namespace Kaal.Cli.Commands;

/// <summary>
/// Where `kaal build` finds what an image is built from (the kernel, the EL0 runtime, Kaal.Model, Kaal.Sdk and
/// Kaal.Components sources with their build files): a folder holding Kaal.Kernel.Arm64/Kaal.Kernel.Arm64.csproj.
/// Looked for in order: $KAAL_BUILD_KIT; a `kit` folder next to the kaal assembly (a packaged tool); the repository
/// kaal was built in (walking up from its assembly); the repository around the current folder.
/// </summary>
internal static class BuildKit
{
    public const string Variable = "KAAL_BUILD_KIT";
    private const int MaxParentLevels = 16;

    /// <exception cref="ArgumentException">no kit anywhere (the message says where it looked).</exception>
    public static string Locate()
    {
        string? given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(given)) return IsKit(given) ? Path.GetFullPath(given) : throw new ArgumentException($"${Variable} = '{given}' holds no Kaal.Kernel.Arm64/Kaal.Kernel.Arm64.csproj");
        string packaged = Path.Combine(AppContext.BaseDirectory, "kit");
        if (IsKit(packaged)) return packaged;
        return Above(AppContext.BaseDirectory) ?? Above(Environment.CurrentDirectory)
            ?? throw new ArgumentException($"no image build kit: looked at ${Variable}, {packaged}, and above {AppContext.BaseDirectory} and {Environment.CurrentDirectory} for Kaal.Kernel.Arm64/Kaal.Kernel.Arm64.csproj");
    }

    private static bool IsKit(string folder) => File.Exists(Path.Combine(folder, "Kaal.Kernel.Arm64", "Kaal.Kernel.Arm64.csproj"));

    private static string? Above(string start)
    {
        DirectoryInfo? directory = new(start);
        for (int level = 0; level < MaxParentLevels && directory is not null; level++, directory = directory.Parent)
        {
            if (IsKit(directory.FullName)) return directory.FullName;
        }
        return null;
    }
}
