using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Manifest;

namespace Kaal.Cli.Commands;

/// <summary>`kaal manifest check [FILE]`: prints every problem of a components.toml as `file:line:col: error: message`
/// and a summary; with `--images DIR`, the binaries are those the built images in DIR declare in their metadata sections
/// (docs/component-images.md). Exit 0 if clean, 1 if there are problems, 2 if the file cannot be read.
/// `kaal manifest registry FILE --image ELF|--images DIR --out OUT`: the registry the kernel image embeds (every
/// binary's image the one ELF, stored once, or each binary's own image from DIR). Exit 0 written, 1 manifest problems, 2 a file cannot be read or written or the ELF is
/// not a loadable AArch64 executable.</summary>
internal static class ManifestCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the manifest to check", DefaultValueFactory = _ => "components.toml" }.NoOptionLikeValues();
        var components = new ComponentOptions();
        var images = ImagesOption();
        var check = new Command("check", "Read and validate a components.toml; print all problems at once");
        check.Arguments.Add(file);
        components.AddTo(check);
        check.Options.Add(images);
        check.SetAction(parse => Check(parse.GetValue(file)!, () => Binaries(parse, components, images)));
        var manifest = new Command("manifest", "Work with the system manifest (components.toml)");
        manifest.Subcommands.Add(check);
        manifest.Subcommands.Add(CreateRegistry());
        return manifest;
    }

    private static Command CreateRegistry()
    {
        var file = new Argument<string>("file") { Description = "the manifest to bind", DefaultValueFactory = _ => "components.toml" }.NoOptionLikeValues();
        var image = new Option<string?>("--image") { Description = "the user ELF (AArch64 ET_EXEC) every binary of the manifest runs (or --images)" };
        var images = ImagesOption();
        var output = new Option<string>("--out") { Description = "where to write the registry bytes", Required = true }.OutputFile();
        var components = new ComponentOptions();
        var registry = new Command("registry", "Validate a components.toml and write the registry a kernel image embeds, with the user ELF as every binary's image (stored once)");
        registry.Arguments.Add(file);
        registry.Options.Add(image);
        registry.Options.Add(images);
        registry.Options.Add(output);
        components.AddTo(registry);
        registry.SetAction(parse => Registry(parse.GetValue(file)!, parse.GetValue(image), parse.GetValue(images), parse.GetValue(output)!,
            () => Binaries(parse, components, images)));
        return registry;
    }

    private static Option<string?> ImagesOption() => new("--images")
    {
        Description = "a folder of built component images (BINARY.elf, each with its metadata section): validate against what they declare, not against assemblies",
    };

    /// <summary>The binaries the manifest may name: those the images in --images declare, or else the assemblies'.</summary>
    private static ComponentSet Binaries(ParseResult parse, ComponentOptions components, Option<string?> images) =>
        parse.GetValue(images) is string folder ? ComponentImageFiles.Load(folder) : components.Resolve(parse).Components;

    private static int Check(string path, Func<ComponentSet> resolve)
    {
        (SystemManifest? manifest, int code) = Validate(path, resolve);
        if (manifest is not null) Console.WriteLine($"{path}: ok, {manifest.Components.Count} component{(manifest.Components.Count == 1 ? "" : "s")}");
        return code;
    }

    /// <summary>The registry: <paramref name="sharedImage"/> is the one ELF every binary runs (stored once), or
    /// <paramref name="imageFolder"/> holds BINARY.elf for each binary, each already checked against its own metadata by
    /// <see cref="ComponentImageFiles"/> when the manifest was validated against them.</summary>
    private static int Registry(string path, string? sharedImage, string? imageFolder, string outputPath, Func<ComponentSet> resolve)
    {
        (SystemManifest? manifest, int code) = Validate(path, resolve);
        if (manifest is null) return code;
        if ((sharedImage is null) == (imageFolder is null))
        {
            Console.Error.WriteLine("error: give exactly one of --image ELF (one image for every binary) and --images DIR (each binary's own)");
            return 2;
        }
        bool shared = sharedImage is not null;
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (ComponentSpec component in manifest.Components)
        {
            string file = sharedImage ?? Path.Combine(imageFolder!, component.Binary + ComponentImageFiles.Extension);
            if (images.ContainsKey(component.Binary)) continue;
            byte[]? image = ReadImage(file);
            if (image is null) return 2;
            images.Add(component.Binary, image);
        }
        byte[] bytes = RegistryWriter.Write(manifest, binary => images[binary]);
        try
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
            if (directory is not null) Directory.CreateDirectory(directory);
            File.WriteAllBytes(outputPath, bytes);
        }
        catch (Exception error) when (IsFileError(error))
        {
            Console.Error.WriteLine($"error: cannot write registry '{outputPath}': {error.Message}");
            return 2;
        }
        string imagesSaid = shared ? $"sharing one {images.Values.First().Length}-byte image" : $"{images.Count} images";
        Console.WriteLine($"{outputPath}: {bytes.Length} bytes, {manifest.Components.Count} component{(manifest.Components.Count == 1 ? "" : "s")} {imagesSaid}");
        return 0;
    }

    /// <summary>The ELF's bytes if it reads and is a loadable AArch64 executable; else null, the reason printed.</summary>
    private static byte[]? ReadImage(string imagePath)
    {
        byte[] image;
        try
        {
            image = File.ReadAllBytes(imagePath);
        }
        catch (Exception error) when (IsFileError(error))
        {
            Console.Error.WriteLine($"error: cannot read user image '{imagePath}': {error.Message}");
            return null;
        }
        // The kernel validates the image again at boot; refusing it here turns a boot-time panic into a build error.
        ElfProblem problem = ElfReader.Read(image, image.Length, new ElfImage());
        if (problem.IsOk) return image;
        string where = problem.ProgramHeader < 0 ? "" : $" in program header {problem.ProgramHeader}";
        Console.Error.WriteLine($"error: user image '{imagePath}' is not a loadable AArch64 executable: {problem.Error}{where} ({problem.Field} = 0x{problem.Value:X})");
        return null;
    }

    /// <summary>The manifest if it reads and validates (code 0); otherwise null, its problems printed, and the exit code.</summary>
    private static (SystemManifest? Manifest, int Code) Validate(string path, Func<ComponentSet> resolve)
    {
        byte[]? bytes = ManifestFile.Read(path, out string? error);
        if (bytes is null)
        {
            Console.Error.WriteLine($"error: cannot read manifest '{path}': {error}");
            return (null, 2);
        }
        ComponentSet binaries;
        try
        {
            binaries = resolve();
        }
        catch (ArgumentException resolveError)
        {
            Console.Error.WriteLine($"error: {resolveError.Message}");
            return (null, 2);
        }
        (SystemManifest manifest, IReadOnlyList<ManifestProblem> problems) = ManifestChecker.Check(bytes, path, binaries);
        foreach (ManifestProblem problem in problems) Console.WriteLine(problem);
        if (problems.Count == 0) return (manifest, 0);
        Console.WriteLine($"{path}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
        return (null, 1);
    }

    private static bool IsFileError(Exception error) =>
        error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;
}
