using System;
using System.Collections.Generic;
using System.IO;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Images;
using Kaal.Sdk.Manifest;

namespace Kaal.Sdk.Discovery;

/// <summary>
/// The component binaries a folder of built images declares (seed 002, discovery method 2): each `*.elf` must carry a
/// metadata section (<see cref="ComponentMetadataLayout"/>) naming the binary its file is named after. This is what
/// `kaal manifest check --images` and `kaal manifest registry --images` validate a manifest against: the declarations
/// as they were built into the images, read with the loader's own checks (<see cref="ComponentImage.Read"/>).
/// </summary>
public static class ComponentImageFiles
{
    public const string Extension = ".elf";

    /// <exception cref="ComponentDeclarationException">a file cannot be read, is not a component image, or declares
    /// another binary than its name says (every problem, each naming the file).</exception>
    public static ComponentSet Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new ComponentDeclarationException([$"image folder '{folder}' does not exist"]);
        var problems = new List<string>();
        var components = new List<DiscoveredComponent>();
        string[] files = Directory.GetFiles(folder, "*" + Extension);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (string path in files)
        {
            DiscoveredComponent? component = Read(path, out string? problem);
            if (component is null) problems.Add(problem!);
            else components.Add(component);
        }
        if (problems.Count > 0) throw new ComponentDeclarationException(problems);
        return new ComponentSet(components);
    }

    /// <summary>The component <paramref name="path"/>'s metadata declares, or null and why not.</summary>
    public static DiscoveredComponent? Read(string path, out string? problem)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problem = $"{path}: cannot read: {error.Message}";
            return null;
        }
        Outcome<ComponentMetadata> read = ComponentImage.Read(bytes, new ElfImage());
        if (read.Failed)
        {
            problem = $"{path}: {read.Failure.Message}";
            return null;
        }
        ComponentMetadata metadata = read.Value;
        string fileBinary = Path.GetFileNameWithoutExtension(path);
        if (metadata.Binary != fileBinary)
        {
            problem = $"{path}: the file is named for binary {fileBinary}, but its metadata declares binary {metadata.Binary}";
            return null;
        }
        var expects = new List<ExpectedCapability>();
        foreach (ExpectedGrant grant in metadata.Expects)
        {
            ExpectedCapability? expected = ExpectedCapability.Parse(grant.Text, out string? error);
            if (expected is null)
            {
                problem = $"{path}: expected capability \"{grant.Text}\": {error}";
                return null;
            }
            if (expected.ToGrant() != grant)
            {
                problem = $"{path}: expected capability \"{grant.Text}\": its grant form in the metadata section does not match its text (a damaged section)";
                return null;
            }
            expects.Add(expected);
        }
        problem = null;
        return new DiscoveredComponent(metadata.Binary, metadata.Type, metadata.Version, "", expects,
            $"the {ComponentMetadataLayout.SectionName} section", path, () => throw new InvalidOperationException($"{path} is an AArch64 image: it runs on the CPU, not in the simulator"),
            Replaces: metadata.Replaces.Length > 0 ? metadata.Replaces : null);
    }
}
