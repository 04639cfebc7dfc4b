using System;
using System.IO;
using Kaal.Hil;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;

namespace Kaal.Cli.Commands;

/// <summary>Which image a command boots (--image as given, or the suite's image in this repository) and, for a
/// system suite, the manifest it was built from.</summary>
internal static class SuiteImages
{
    /// <exception cref="ArgumentException">the image does not exist, or there is no repository to find it in.</exception>
    public static string Resolve(HilSuite suite, HilTarget target, string? imageOverride)
    {
        if (imageOverride != null)
        {
            return File.Exists(imageOverride) ? Path.GetFullPath(imageOverride) : throw new ArgumentException($"--image '{imageOverride}' does not exist");
        }
        string root = RepositoryRoot("or pass --image");
        string image = suite.ImagePath(root, target);
        return File.Exists(image)
            ? image
            : throw new ArgumentException($"suite '{suite.Name}': image {Path.GetRelativePath(root, image)} does not exist: {suite.ImageHint}");
    }

    /// <summary>A system suite's manifest in this repository; null for a kernel suite.</summary>
    /// <exception cref="ArgumentException">there is no repository, or the manifest is not in it.</exception>
    public static string? ManifestOf(HilSuite suite)
    {
        if (suite.Manifest is null) return null;
        string manifest = Path.Combine(RepositoryRoot("(the differential check needs the suite's manifest)"), suite.Manifest);
        return File.Exists(manifest) ? manifest : throw new ArgumentException($"suite '{suite.Name}': manifest {suite.Manifest} does not exist");
    }

    private static string RepositoryRoot(string advice) => RepositoryLayout.FindRoot(Environment.CurrentDirectory)
        ?? throw new ArgumentException($"no {RepositoryLayout.SolutionFile} at or above {Environment.CurrentDirectory}: run inside the repository {advice}");
}
