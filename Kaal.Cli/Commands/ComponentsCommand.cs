using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Kaal.Cli.Rendering;
using Kaal.Sdk.Discovery;

namespace Kaal.Cli.Commands;

/// <summary>`kaal components list`: every component binary the tool finds (Kaal.Components' and the user's, as
/// `kaal run` would), with its declaration. `kaal components table --out FILE [--manifest M]`: the EL0 image's static
/// dispatch table for them, or for only the binaries of M (the image build of a system runs it so). Exit 0, or 2 if
/// a declaration is unusable, the manifest has problems or the file cannot be written. With `--metadata DIR`, also each
/// listed binary's image metadata section (BINARY.kmeta; docs/component-images.md).</summary>
internal static class ComponentsCommand
{
    public static Command Create()
    {
        var components = new Command("components", "The component binaries discovered from Kaal.Components and your assemblies");
        components.Subcommands.Add(CreateList());
        components.Subcommands.Add(CreateTable());
        return components;
    }

    private static Command CreateList()
    {
        var options = new ComponentOptions();
        var list = new Command("list", "List every component binary found, with its type, version, expected capabilities and declaring type");
        options.AddTo(list);
        list.SetAction(parse => WithComponents(() => options.Resolve(parse), sources =>
        {
            var table = new FigureTable($"{sources.Components.All.Count} component binaries", new FigureColumn("binary", "binary", IsFigure: false),
                new FigureColumn("version", "version", IsFigure: false), new FigureColumn("type", "type", IsFigure: false), new FigureColumn("expects", "expects", IsFigure: false),
                new FigureColumn("description", "description", IsFigure: false), new FigureColumn("source", "declared by", IsFigure: false));
            foreach (DiscoveredComponent component in sources.Components.All)
            {
                table.Add(component.Binary, component.Version.ToString(), component.Type.ToString().ToLowerInvariant(),
                    string.Join(", ", component.Expects.Select(expected => expected.Text)), component.Description, component.Source.ToString());
            }
            table.Write(Terminal.Out);
            return 0;
        }));
        return list;
    }

    private static Command CreateTable()
    {
        var options = new ComponentOptions();
        var output = new Option<string>("--out") { Description = "where to write the table's C# source", Required = true };
        var manifest = new Option<string?>("--manifest") { Description = "list only the binaries this system's manifest names (default: every one discovered)" };
        var metadata = new Option<string?>("--metadata")
        {
            Description = "also write each listed binary's image metadata section (BINARY.kmeta) into this folder, for the image build (docs/component-images.md)",
        };
        var table = new Command("table", "Write the EL0 image's static table of the discovered components (C# source the image build compiles)");
        options.AddTo(table);
        table.Options.Add(output);
        table.Options.Add(manifest);
        table.Options.Add(metadata);
        table.SetAction(parse => WithComponents(() => options.Resolve(parse), sources =>
        {
            string path = parse.GetValue(output)!;
            string? manifestPath = parse.GetValue(manifest);
            ComponentSet? listed = manifestPath is null ? sources.Components : OfManifest(manifestPath, sources.Components);
            if (listed is null) return 2;
            try
            {
                WriteIfChanged(path, Encoding.UTF8.GetBytes(ComponentTableWriter.Write(listed)));
                if (parse.GetValue(metadata) is string metadataFolder) WriteMetadata(metadataFolder, listed);
            }
            catch (InvalidDataException error)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                return 2;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot write '{path}' or the metadata: {error.Message}");
                return 2;
            }
            string of = manifestPath is null ? "" : $" of {sources.Components.All.Count} discovered: those {manifestPath} names";
            Console.WriteLine($"{path}: {listed.All.Count} component binaries{of}");
            return 0;
        }));
        return table;
    }

    /// <summary>The components a system's image needs: the binaries its manifest names (system_init among them, since a
    /// manifest without it is refused); an image that carried every discovered binary would compile and root them all.
    /// Null (reported) if the manifest has problems.</summary>
    private static ComponentSet? OfManifest(string manifestPath, ComponentSet discovered)
    {
        try
        {
            return discovered.Only(CheckedManifest.Load(manifestPath, discovered, "--manifest").Components.Select(component => component.Binary));
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
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

    private const string MetadataExtension = ".kmeta";

    /// <summary>Unchanged bytes keep the file's time, so the image build stays incremental.</summary>
    private static void WriteIfChanged(string path, byte[] bytes)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) File.WriteAllBytes(path, bytes);
    }

    private static int WithComponents(Func<ComponentSources> resolve, Func<ComponentSources, int> action)
    {
        ComponentSources sources;
        try
        {
            sources = resolve();
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        return action(sources);
    }
}
