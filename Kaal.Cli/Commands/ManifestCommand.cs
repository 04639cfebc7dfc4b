using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Manifest;

namespace Kaal.Cli.Commands;

/// <summary>`kaal manifest check [FILE]`: prints every problem of a components.toml as `file:line:col: error: message`
/// and a summary. Exit 0 if clean, 1 if there are problems, 2 if the file cannot be read.
/// `kaal manifest registry FILE --image ELF --out OUT`: the registry the kernel image embeds (every binary's image is
/// the one ELF, stored once). Exit 0 written, 1 manifest problems, 2 a file cannot be read or written or the ELF is
/// not a loadable AArch64 executable.</summary>
internal static class ManifestCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the manifest to check", DefaultValueFactory = _ => "components.toml" };
        var components = new ComponentOptions();
        var check = new Command("check", "Read and validate a components.toml; print all problems at once");
        check.Arguments.Add(file);
        components.AddTo(check);
        check.SetAction(parse => Check(parse.GetValue(file)!, () => components.Resolve(parse)));
        var manifest = new Command("manifest", "Work with the system manifest (components.toml)");
        manifest.Subcommands.Add(check);
        manifest.Subcommands.Add(CreateRegistry());
        return manifest;
    }

    private static Command CreateRegistry()
    {
        var file = new Argument<string>("file") { Description = "the manifest to bind", DefaultValueFactory = _ => "components.toml" };
        var image = new Option<string>("--image") { Description = "the user ELF (AArch64 ET_EXEC) every binary of the manifest runs", Required = true };
        var output = new Option<string>("--out") { Description = "where to write the registry bytes", Required = true }.OutputFile();
        var components = new ComponentOptions();
        var registry = new Command("registry", "Validate a components.toml and write the registry a kernel image embeds, with the user ELF as every binary's image (stored once)");
        registry.Arguments.Add(file);
        registry.Options.Add(image);
        registry.Options.Add(output);
        components.AddTo(registry);
        registry.SetAction(parse => Registry(parse.GetValue(file)!, parse.GetValue(image)!, parse.GetValue(output)!, () => components.Resolve(parse)));
        return registry;
    }

    private static int Check(string path, Func<ComponentSources> resolve)
    {
        (SystemManifest? manifest, int code) = Validate(path, resolve);
        if (manifest is not null) Console.WriteLine($"{path}: ok, {manifest.Components.Count} component{(manifest.Components.Count == 1 ? "" : "s")}");
        return code;
    }

    private static int Registry(string path, string imagePath, string outputPath, Func<ComponentSources> resolve)
    {
        (SystemManifest? manifest, int code) = Validate(path, resolve);
        if (manifest is null) return code;
        byte[] image;
        try
        {
            image = File.ReadAllBytes(imagePath);
        }
        catch (Exception error) when (IsFileError(error))
        {
            Console.Error.WriteLine($"error: cannot read user image '{imagePath}': {error.Message}");
            return 2;
        }
        // The kernel validates the image again at boot; refusing it here turns a boot-time panic into a build error.
        ElfProblem problem = ElfReader.Read(image, image.Length, new ElfImage());
        if (!problem.IsOk)
        {
            string where = problem.ProgramHeader < 0 ? "" : $" in program header {problem.ProgramHeader}";
            Console.Error.WriteLine($"error: user image '{imagePath}' is not a loadable AArch64 executable: {problem.Error}{where} ({problem.Field} = 0x{problem.Value:X})");
            return 2;
        }
        byte[] bytes = RegistryWriter.Write(manifest, _ => image);
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
        Console.WriteLine($"{outputPath}: {bytes.Length} bytes, {manifest.Components.Count} component{(manifest.Components.Count == 1 ? "" : "s")} sharing one {image.Length}-byte image");
        return 0;
    }

    /// <summary>The manifest if it reads and validates (code 0); otherwise null, its problems printed, and the exit code.</summary>
    private static (SystemManifest? Manifest, int Code) Validate(string path, Func<ComponentSources> resolve)
    {
        byte[]? bytes = ManifestFile.Read(path, out string? error);
        if (bytes is null)
        {
            Console.Error.WriteLine($"error: cannot read manifest '{path}': {error}");
            return (null, 2);
        }
        ComponentSources sources;
        try
        {
            sources = resolve();
        }
        catch (ArgumentException resolveError)
        {
            Console.Error.WriteLine($"error: {resolveError.Message}");
            return (null, 2);
        }
        (SystemManifest manifest, IReadOnlyList<ManifestProblem> problems) = ManifestChecker.Check(bytes, path, sources.Components);
        foreach (ManifestProblem problem in problems) Console.WriteLine(problem);
        if (problems.Count == 0) return (manifest, 0);
        Console.WriteLine($"{path}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
        return (null, 1);
    }

    private static bool IsFileError(Exception error) =>
        error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;
}
