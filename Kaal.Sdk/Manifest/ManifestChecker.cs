using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Sdk.Discovery;

namespace Kaal.Sdk.Manifest;

/// <summary>Reads and validates a manifest in one call: what `kaal manifest check` and the simulator use.</summary>
public static class ManifestChecker
{
    /// <summary>All problems, in the order they are caused: the file's text (encoding and TOML syntax), then each
    /// table's keys and values, then the rules across components; each group sorted by position. A problem that
    /// follows from another (a component that reads as unnamed because its name was malformed) is always in a
    /// later group than its cause, so the first line printed is a real cause. The manifest is usable only if the
    /// list is empty.</summary>
    public static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) Check(byte[] bytes, string file, ComponentSet components)
    {
        var syntax = new List<ManifestProblem>();
        string? text = ManifestDecoder.Decode(bytes, file, syntax);
        if (text is null)
        {
            var unread = new SystemManifest(file, new SystemConfig(Platform.QemuVirt, SystemConfig.DefaultMemoryBytes, new SourceLocation(file, 1, 1)), new List<ComponentSpec>());
            return (unread, syntax);
        }
        return CheckText(text, file, syntax, components);
    }

    /// <summary><see cref="Check(byte[], string, ComponentSet)"/> for text already decoded.</summary>
    public static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) Check(string text, string file, ComponentSet components) =>
        CheckText(text, file, new List<ManifestProblem>(), components);

    /// <summary>Reads <paramref name="path"/> from disk (<see cref="ManifestFile"/>).</summary>
    /// <exception cref="IOException">the file cannot be read; the message says why (a directory, no such file, ...).</exception>
    public static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) CheckFile(string path, ComponentSet components) =>
        Check(ManifestFile.Read(path, out string? error) ?? throw new IOException($"cannot read manifest '{path}': {error}"), path, components);

    private static (SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) CheckText(string text, string file, List<ManifestProblem> syntax, ComponentSet components)
    {
        TomlTable root = TomlParser.Parse(text, file, syntax);
        (SystemManifest manifest, List<ManifestProblem> schema) = ManifestReader.Read(root, file);
        // A value the reader refused holds its default, which the rules would judge again: its one problem is the reader's.
        var refused = new HashSet<SourceLocation>(schema.Select(problem => problem.Location));
        List<ManifestProblem> rules = ManifestValidator.Validate(manifest, components).Where(problem => !refused.Contains(problem.Location)).ToList();
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
