using System;
using System.IO;
using Kaal.Sdk.Manifest;

namespace Kaal.Cli.Commands;

/// <summary>
/// Whether an --image was built from the manifest a system suite compares it with. A system image's folder holds what the
/// image build embedded (docs/kernel-arm64.md): kaal-registry.bin, written from the manifest, and kaal-user.elf, the EL0
/// image it names. The image matches the manifest when the registry the manifest gives with that same user image is the
/// one embedded, byte for byte. Without the check, `--suite default --image X` silently compared X's console with
/// components.toml's simulation, whatever X was built from.
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
        string registry = Path.Combine(folder, RegistryFile);
        string user = Path.Combine(folder, UserImageFile);
        if (!File.Exists(registry) || !File.Exists(user))
        {
            throw new ArgumentException($"--image '{imagePath}' has no {RegistryFile} and {UserImageFile} next to it, so which manifest it was built from " +
                $"is unknown, and a system suite compares the console with that manifest's simulation: boot it with --suite kernel, or build it " +
                $"from the manifest (kaal build --target {target} --manifest M, or kaal hil run --manifest M, which builds it)");
        }
        byte[] userImage = File.ReadAllBytes(user);
        byte[] expected = RegistryWriter.Write(manifest, _ => userImage);
        if (!expected.AsSpan().SequenceEqual(File.ReadAllBytes(registry)))
        {
            throw new ArgumentException($"--image '{imagePath}' was not built from {manifestPath} (its {RegistryFile} differs from the one {manifestPath} gives): " +
                $"give the manifest it was built from with --manifest, or rebuild it from {manifestPath} (kaal build --target {target} --manifest {manifestPath})");
        }
    }
}
