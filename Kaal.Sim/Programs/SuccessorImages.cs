using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Images;
using Kaal.Sdk.Manifest;

namespace Kaal.Sim.Programs;

/// <summary>
/// The image store a simulated system boots with (docs/hot-reload.md): every discovered binary that declares itself a new
/// version of a binary the manifest runs (<c>[KaalComponent(..., Replaces = "OLD")]</c>), at <c>/images/BINARY</c>. Its
/// image runs its own code and carries metadata naming the binary it replaces, as the loader requires. A system with no
/// successors has no store at all, so it boots exactly as before.
/// </summary>
public static class SuccessorImages
{
    public const string Folder = "/images/";

    public static IReadOnlyList<StoredImage> For(SystemManifest manifest, ComponentSet components)
    {
        var running = new SortedSet<string>(manifest.Components.Select(component => component.Binary), System.StringComparer.Ordinal);
        return components.All
            .Where(component => component.Replaces is { } replaced && running.Contains(replaced))
            .OrderBy(component => component.Binary, System.StringComparer.Ordinal)
            .Select(component => new StoredImage(Folder + component.Binary, Build(component, component.Replaces!)))
            .ToList();
    }

    /// <summary>The image of <paramref name="component"/>'s code whose metadata says it runs as <paramref name="asBinary"/>.</summary>
    public static byte[] Build(DiscoveredComponent component, string asBinary) =>
        ProgramImage.Build(component.Binary, ComponentMetadataLayout.SectionName, ComponentMetadataWriter.Write(component with { Binary = asBinary }));
}
