using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Discovery;

namespace Kaal.Sdk.Manifest;

/// <summary>
/// Which images a system's image store holds (docs/hot-reload.md): every binary that declares itself a new version of a
/// binary the manifest runs (<c>[KaalComponent(..., Replaces = "OLD")]</c>, metadata format 2), at <c>/images/BINARY</c>,
/// in binary order. No list is kept by hand: the simulator picks them from discovery, the image build from the component
/// images it built (their metadata). And, at each `image` path a manifest entry names, the image of the entry's binary
/// (what the registry would otherwise embed). A system with neither has no store at all, so it boots exactly as before.
/// Host only.
/// </summary>
public static class SuccessorImages
{
    public const string Folder = "/images/";

    /// <param name="imageOf">the image of a successor: the simulator's program image, or the built ELF's bytes.</param>
    public static IReadOnlyList<StoredImage> For(SystemManifest manifest, ComponentSet components, Func<DiscoveredComponent, byte[]> imageOf)
    {
        var running = new SortedSet<string>(manifest.Components.Select(component => component.Binary), StringComparer.Ordinal);
        List<StoredImage> images = components.All
            .Where(component => component.Replaces is { } replaced && running.Contains(replaced))
            .OrderBy(component => component.Binary, StringComparer.Ordinal)
            .Select(component => new StoredImage(Folder + component.Binary, imageOf(component)))
            .ToList();
        foreach (ComponentSpec spec in manifest.Components)
        {
            if (spec.ImagePath.Length == 0 || images.Any(stored => stored.Path == spec.ImagePath)) continue;
            if (components.Find(spec.Binary) is { } binary) images.Add(new StoredImage(spec.ImagePath, imageOf(binary)));
        }
        return images;
    }
}
