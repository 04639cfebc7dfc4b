using System;
using System.Collections.Generic;
using System.IO;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Registry;

namespace Kaal.Cli.Commands;

/// <summary>
/// Whether an --image was built from the manifest a system suite compares it with. A system image's folder holds what the
/// image build embedded (docs/kernel-arm64.md): kaal-registry.bin, written from the manifest, and kaal-user.elf, the root
/// task's EL0 image. The image matches the manifest when the registry the manifest gives, bound to the images the embedded
/// registry holds for its binaries, is the embedded one byte for byte: every record (name, binary, priority, grants,
/// order) is the manifest's, whichever way the images were stored (each binary's own, as the build writes it with
/// --images, or one shared image with --image). Without the check, `--suite default --image X` silently compared X's
/// console with components.toml's simulation, whatever X was built from.
/// </summary>
internal static class ImageManifestMatch
{
    public const string RegistryFile = "kaal-registry.bin";
    public const string UserImageFile = "kaal-user.elf";

    /// <exception cref="ArgumentException">the image is not a system image, or was built from another manifest; the message
    /// says which and what to do.</exception>
    public static void Require(string imagePath, string manifestPath, SystemManifest manifest, string target)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(imagePath))!;
        string registryPath = Path.Combine(folder, RegistryFile);
        string user = Path.Combine(folder, UserImageFile);
        if (!File.Exists(registryPath) || !File.Exists(user))
        {
            throw new ArgumentException($"--image '{imagePath}' has no {RegistryFile} and {UserImageFile} next to it, so which manifest it was built from " +
                $"is unknown, and a system suite compares the console with that manifest's simulation: boot it with --suite kernel, or build it " +
                $"from the manifest (kaal build --target {target} --manifest M, or kaal hil run --manifest M, which builds it)");
        }
        byte[] embedded = File.ReadAllBytes(registryPath);
        ComponentRegistry? registry = ComponentRegistry.Decode(embedded, out string? error);
        byte[]? expected = registry is null ? null : Rewritten(manifest, registry, embedded);
        if (expected is null || !expected.AsSpan().SequenceEqual(embedded))
        {
            string why = registry is null ? $"its {RegistryFile} does not read: {error}" : $"its {RegistryFile} differs from the one {manifestPath} gives";
            throw new ArgumentException($"--image '{imagePath}' was not built from {manifestPath} ({why}): " +
                $"give the manifest it was built from with --manifest, or rebuild it from {manifestPath} (kaal build --target {target} --manifest {manifestPath})");
        }
    }

    /// <summary>The registry <paramref name="manifest"/> gives with the images <paramref name="registry"/> holds for its
    /// binaries; null if the manifest names a binary the registry has no image of.</summary>
    private static byte[]? Rewritten(SystemManifest manifest, ComponentRegistry registry, byte[] embedded)
    {
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (RegistryComponent component in registry.Components)
        {
            images.TryAdd(component.Binary, embedded.AsSpan(component.ImageOffset, component.ImageSize).ToArray());
        }
        foreach (ComponentSpec spec in manifest.Components)
        {
            if (!images.ContainsKey(spec.Binary)) return null;
        }
        return RegistryWriter.Write(manifest, binary => images[binary]);
    }
}
