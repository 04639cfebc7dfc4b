using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Kaal.Sdk.Manifest;

/// <summary>Reads and validates a manifest in one call: what `kaal manifest check` and the simulator use.</summary>
public static class ManifestChecker
{
    /// <summary>All problems, in the order they are caused: the file's text (encoding and TOML syntax), then each
    /// table's keys and values, then the rules across components; each group sorted by position. A problem that
    /// follows from another (a component that reads as unnamed because its name was malformed) is always in a
    /// later group than its cause, so the first line printed is a real cause. The manifest is usable only if the
    /// list is empty.</summary>
    public static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) Check(byte[] bytes, string file, IReadOnlySet<string>? knownBinaries = null)
    {
        var syntax = new List<ManifestProblem>();
        string? text = ManifestDecoder.Decode(bytes, file, syntax);
        if (text is null)
        {
            var unread = new SystemManifest(file, new SystemConfig(Platform.QemuVirt, SystemConfig.DefaultMemoryBytes, new SourceLocation(file, 1, 1)), new List<ComponentSpec>());
            return (unread, syntax);
        }
        return CheckText(text, file, syntax, knownBinaries);
    }

    /// <summary><see cref="Check(byte[], string, IReadOnlySet{string}?)"/> for text already decoded.</summary>
    public static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) Check(string text, string file, IReadOnlySet<string>? knownBinaries = null) =>
        CheckText(text, file, new List<ManifestProblem>(), knownBinaries);

    /// <summary>Reads <paramref name="path"/> from disk (<see cref="ManifestFile"/>).</summary>
    /// <exception cref="IOException">the file cannot be read; the message says why (a directory, no such file, ...).</exception>
    public static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) CheckFile(string path, IReadOnlySet<string>? knownBinaries = null) =>
        Check(ManifestFile.Read(path, out string? error) ?? throw new IOException($"cannot read manifest '{path}': {error}"), path, knownBinaries);

    private static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) CheckText(string text, string file, List<ManifestProblem> syntax, IReadOnlySet<string>? knownBinaries)
    {
        TomlTable root = TomlParser.Parse(text, file, syntax);
        (SystemManifest manifest, List<ManifestProblem> schema) = ManifestReader.Read(root, file);
        List<ManifestProblem> rules = ManifestValidator.Validate(manifest, knownBinaries);
        var sorted = new List<ManifestProblem>(syntax.Count + schema.Count + rules.Count);
        // One syntax problem per position: a byte that is not UTF-8 is not also an unexpected character.
        sorted.AddRange(ByPosition(syntax).DistinctBy(problem => problem.Location));
        sorted.AddRange(ByPosition(schema).Distinct());
        sorted.AddRange(ByPosition(rules).Distinct());
        return (manifest, sorted);
    }

    private static IEnumerable<ManifestProblem> ByPosition(List<ManifestProblem> problems) =>
        problems.OrderBy(problem => problem.Location.Line).ThenBy(problem => problem.Location.Column);
}
