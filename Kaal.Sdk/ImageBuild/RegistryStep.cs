using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Manifest;

namespace Kaal.Sdk.ImageBuild;

/// <summary>
/// The system image build's registry step: validate a manifest and write the registry the kernel image embeds, every
/// binary's image the one shared ELF (stored once) or each binary's own image from a folder. `kaal manifest registry`
/// and the image build's own tool (Kaal.BuildTool) both run it. Exit 0 written, 1 manifest problems, 2 a file cannot
/// be read or written or an ELF is not a loadable AArch64 executable. With a folder it can also write the system's image
/// store (<c>--store FILE</c>): the images in the folder that are new versions of a binary the manifest runs
/// (<see cref="SuccessorImages"/>), which the kernel hands to the root task at boot for system_init's loader; the file is
/// empty when there are none.
/// </summary>
public static class RegistryStep
{
    /// <param name="imageFolder">holds BINARY.elf for each binary, each already checked against its own metadata by
    /// <see cref="ComponentImageFiles"/> when the manifest was validated against them.</param>
    public static int Run(string manifestPath, string? sharedImage, string? imageFolder, string outputPath, Func<ComponentSet> resolve,
        TextWriter output, TextWriter error, string? storePath = null)
    {
        (SystemManifest? manifest, int code) = Validate(manifestPath, resolve, output, error);
        if (manifest is null) return code;
        if ((sharedImage is null) == (imageFolder is null))
        {
            error.WriteLine("error: give exactly one of --image ELF (one image for every binary) and --images DIR (each binary's own)");
            return 2;
        }
        if (storePath is not null && imageFolder is null)
        {
            error.WriteLine("error: --store FILE needs --images DIR (the store holds the new versions built there)");
            return 2;
        }
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (ComponentSpec component in manifest.Components)
        {
            string file = sharedImage ?? Path.Combine(imageFolder!, component.Binary + ComponentImageFiles.Extension);
            if (images.ContainsKey(component.Binary)) continue;
            byte[]? image = ReadImage(file, error);
            if (image is null) return 2;
            images.Add(component.Binary, image);
        }
        byte[] bytes = RegistryWriter.Write(manifest, binary => images[binary]);
        if (!TryWrite(outputPath, bytes, "registry", error)) return 2;
        string imagesSaid = sharedImage is not null ? $"sharing one {images.Values.First().Length}-byte image" : $"{images.Count} images";
        output.WriteLine($"{outputPath}: {bytes.Length} bytes, {manifest.Components.Count} component{(manifest.Components.Count == 1 ? "" : "s")} {imagesSaid}");
        return storePath is null ? 0 : WriteStore(manifest, resolve(), imageFolder!, storePath, output, error);
    }

    /// <summary>The image store of the successors built in <paramref name="imageFolder"/> (empty file: none).</summary>
    private static int WriteStore(SystemManifest manifest, ComponentSet built, string imageFolder, string storePath, TextWriter output, TextWriter error)
    {
        var unreadable = new List<string>();
        IReadOnlyList<StoredImage> stored = SuccessorImages.For(manifest, built, component =>
            ReadImage(Path.Combine(imageFolder, component.Binary + ComponentImageFiles.Extension), error) ?? Unreadable(unreadable, component.Binary));
        if (unreadable.Count > 0) return 2;
        byte[] store;
        try
        {
            store = ImageStoreWriter.Write(stored);
        }
        catch (InvalidDataException storeError)
        {
            error.WriteLine($"error: image store '{storePath}': {storeError.Message}");
            return 2;
        }
        if (!TryWrite(storePath, store, "image store", error)) return 2;
        output.WriteLine($"{storePath}: {store.Length} bytes, {stored.Count} image{(stored.Count == 1 ? "" : "s")}{(stored.Count == 0 ? "" : ": " + string.Join(", ", stored.Select(image => image.Path)))}");
        return 0;
    }

    private static byte[] Unreadable(List<string> unreadable, string binary)
    {
        unreadable.Add(binary);
        return Array.Empty<byte>();
    }

    private static bool TryWrite(string path, byte[] bytes, string what, TextWriter error)
    {
        try
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            File.WriteAllBytes(path, bytes);
            return true;
        }
        catch (Exception writeError) when (IsFileError(writeError))
        {
            error.WriteLine($"error: cannot write {what} '{path}': {writeError.Message}");
            return false;
        }
    }

    /// <summary>The manifest if it reads and validates (code 0); otherwise null, its problems printed, and the exit code
    /// (1 problems, 2 the file or the components cannot be read).</summary>
    public static (SystemManifest? Manifest, int Code) Validate(string path, Func<ComponentSet> resolve, TextWriter output, TextWriter error)
    {
        byte[]? bytes = ManifestFile.Read(path, out string? readError);
        if (bytes is null)
        {
            error.WriteLine($"error: cannot read manifest '{path}': {readError}");
            return (null, 2);
        }
        ComponentSet binaries;
        try
        {
            binaries = resolve();
        }
        catch (ArgumentException resolveError)
        {
            error.WriteLine($"error: {resolveError.Message}");
            return (null, 2);
        }
        (SystemManifest manifest, IReadOnlyList<ManifestProblem> problems) = ManifestChecker.Check(bytes, path, binaries);
        foreach (ManifestProblem problem in problems) output.WriteLine(problem);
        if (problems.Count == 0) return (manifest, 0);
        output.WriteLine($"{path}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
        return (null, 1);
    }

    /// <summary>The ELF's bytes if it reads and is a loadable AArch64 executable; else null, the reason printed.</summary>
    private static byte[]? ReadImage(string imagePath, TextWriter error)
    {
        byte[] image;
        try
        {
            image = File.ReadAllBytes(imagePath);
        }
        catch (Exception readError) when (IsFileError(readError))
        {
            error.WriteLine($"error: cannot read user image '{imagePath}': {readError.Message}");
            return null;
        }
        // The kernel validates the image again at boot; refusing it here turns a boot-time panic into a build error.
        ElfProblem problem = ElfReader.Read(image, image.Length, new ElfImage());
        if (problem.IsOk) return image;
        string where = problem.ProgramHeader < 0 ? "" : $" in program header {problem.ProgramHeader}";
        error.WriteLine($"error: user image '{imagePath}' is not a loadable AArch64 executable: {problem.Error}{where} ({problem.Field} = 0x{problem.Value:X})");
        return null;
    }

    private static bool IsFileError(Exception error) =>
        error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;
}
