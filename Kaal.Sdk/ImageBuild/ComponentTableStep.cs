using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Manifest;

namespace Kaal.Sdk.ImageBuild;

/// <summary>
/// The EL0 image build's first step: the components' static dispatch table (C# the image compiles; there is no
/// reflection at EL0) and, with a metadata folder, each listed binary's image metadata section (BINARY.kmeta;
/// docs/component-images.md). `kaal components table` and the image build's own tool (Kaal.BuildTool) both run it.
/// Exit 0 written, 2 a declaration is unusable, the manifest has problems or a file cannot be written.
/// </summary>
public static class ComponentTableStep
{
    public const string MetadataExtension = ".kmeta";

    /// <param name="manifestPath">list only the binaries this manifest names (null: every one discovered).</param>
    public static int Run(string tablePath, string? manifestPath, string? metadataFolder, Func<ComponentSet> resolve, TextWriter output, TextWriter error)
    {
        ComponentSet discovered;
        try
        {
            discovered = resolve();
        }
        catch (ArgumentException resolveError)
        {
            error.WriteLine($"error: {resolveError.Message}");
            return 2;
        }
        ComponentSet? listed = manifestPath is null ? discovered : OfManifest(manifestPath, discovered, error);
        if (listed is null) return 2;
        try
        {
            WriteIfChanged(tablePath, Encoding.UTF8.GetBytes(ComponentTableWriter.Write(listed)));
            if (metadataFolder is not null) WriteMetadata(metadataFolder, listed);
        }
        catch (InvalidDataException writeError)
        {
            error.WriteLine($"error: {writeError.Message}");
            return 2;
        }
        catch (Exception writeError) when (writeError is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write '{tablePath}' or the metadata: {writeError.Message}");
            return 2;
        }
        string of = manifestPath is null ? "" : $" of {discovered.All.Count} discovered: those {manifestPath} names";
        output.WriteLine($"{tablePath}: {listed.All.Count} component binaries{of}");
        return 0;
    }

    /// <summary>The components a system's image needs: the binaries its manifest names (system_init among them, since a
    /// manifest without it is refused); an image that carried every discovered binary would compile and root them all.
    /// Null (reported) if the manifest has problems.</summary>
    private static ComponentSet? OfManifest(string manifestPath, ComponentSet discovered, TextWriter error)
    {
        try
        {
            return discovered.Only(CheckedManifest.Load(manifestPath, discovered, "--manifest").Components.Select(component => component.Binary));
        }
        catch (ArgumentException manifestError)
        {
            error.WriteLine($"error: {manifestError.Message}");
            return null;
        }
    }

    /// <summary>One BINARY.kmeta per component; files of binaries no longer listed are removed, so the image build
    /// never makes an image for a component that is gone.</summary>
    private static void WriteMetadata(string folder, ComponentSet components)
    {
        Directory.CreateDirectory(folder);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (DiscoveredComponent component in components.All)
        {
            string file = Path.Combine(folder, component.Binary + MetadataExtension);
            WriteIfChanged(file, ComponentMetadataWriter.Write(component));
            written.Add(Path.GetFullPath(file));
        }
        foreach (string stale in Directory.GetFiles(folder, "*" + MetadataExtension))
        {
            if (!written.Contains(Path.GetFullPath(stale))) File.Delete(stale);
        }
    }

    /// <summary>Unchanged bytes keep the file's time, so the image build stays incremental.</summary>
    private static void WriteIfChanged(string path, byte[] bytes)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) File.WriteAllBytes(path, bytes);
    }
}
