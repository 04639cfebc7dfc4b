using System;
using System.CommandLine;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.ImageBuild;
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
        registry.SetAction(parse => RegistryStep.Run(parse.GetValue(file)!, parse.GetValue(image), parse.GetValue(images), parse.GetValue(output)!,
            () => Binaries(parse, components, images), Console.Out, Console.Error));
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
        (SystemManifest? manifest, int code) = RegistryStep.Validate(path, resolve, Console.Out, Console.Error);
        if (manifest is not null) Console.WriteLine($"{path}: ok, {manifest.Components.Count} component{(manifest.Components.Count == 1 ? "" : "s")}");
        return code;
    }
}
