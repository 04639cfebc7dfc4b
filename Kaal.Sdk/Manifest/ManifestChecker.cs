using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Kaal.Sdk.Manifest;

/// <summary>Reads and validates a manifest in one call: what `kaal manifest check` and the simulator use.</summary>
public static class ManifestChecker
{
    /// <summary>All problems, sorted by position; the manifest is usable only if the list is empty.</summary>
    public static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) Check(string text, string file, IReadOnlySet<string>? knownBinaries = null)
    {
        (SystemManifest manifest, List<ManifestProblem> problems) = ManifestReader.Read(text, file);
        problems.AddRange(ManifestValidator.Validate(manifest, knownBinaries));
        List<ManifestProblem> sorted = problems
            .Distinct()
            .OrderBy(problem => problem.Location.Line)
            .ThenBy(problem => problem.Location.Column)
            .ToList();
        return (manifest, sorted);
    }

    /// <summary>Reads <paramref name="path"/> from disk; I/O errors are the caller's (they are not manifest problems).</summary>
    public static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) CheckFile(string path, IReadOnlySet<string>? knownBinaries = null) =>
        Check(File.ReadAllText(path), path, knownBinaries);
}
