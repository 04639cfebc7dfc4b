using System.IO;

namespace Kaal.Hil;

/// <summary>Finds the repository (the folder holding Kaal.sln) above a start folder: suites name their images
/// relative to it.</summary>
public static class RepositoryLayout
{
    public const string SolutionFile = "Kaal.sln";
    private const int MaxParentLevels = 16;

    /// <summary>The repository root at or above <paramref name="startDirectory"/>, or null.</summary>
    public static string? FindRoot(string startDirectory)
    {
        DirectoryInfo? directory = new DirectoryInfo(startDirectory);
        for (int level = 0; level < MaxParentLevels && directory != null; level++, directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
