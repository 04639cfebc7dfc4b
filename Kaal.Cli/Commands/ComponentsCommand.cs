using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Kaal.Sdk.Discovery;

namespace Kaal.Cli.Commands;

/// <summary>`kaal components list`: every component binary the tool finds (Kaal.Components' and the user's, as
/// `kaal run` would), with its declaration. `kaal components table --out FILE [--manifest M]`: the EL0 image's static
/// dispatch table for them, or for only the binaries of M (the image build of a system runs it so). Exit 0, or 2 if
/// a declaration is unusable, the manifest has problems or the file cannot be written.</summary>
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
            foreach (DiscoveredComponent component in sources.Components.All)
            {
                string expects = component.Expects.Count == 0 ? "" : $"; expects {string.Join(", ", component.Expects.Select(expected => expected.Text))}";
                Console.WriteLine($"{component.Binary} {component.Version} ({component.Type.ToString().ToLowerInvariant()}{expects}): {component.Description} [{component.Source}]");
            }
            return 0;
        }));
        return list;
    }

    private static Command CreateTable()
    {
        var options = new ComponentOptions();
        var output = new Option<string>("--out") { Description = "where to write the table's C# source", Required = true };
        var manifest = new Option<string?>("--manifest") { Description = "list only the binaries this system's manifest names (default: every one discovered)" };
        var table = new Command("table", "Write the EL0 image's static table of the discovered components (C# source the image build compiles)");
        options.AddTo(table);
        table.Options.Add(output);
        table.Options.Add(manifest);
        table.SetAction(parse => WithComponents(() => options.Resolve(parse), sources =>
        {
            string path = parse.GetValue(output)!;
            string? manifestPath = parse.GetValue(manifest);
            ComponentSet? listed = manifestPath is null ? sources.Components : OfManifest(manifestPath, sources.Components);
            if (listed is null) return 2;
            try
            {
                WriteIfChanged(path, ComponentTableWriter.Write(listed));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot write '{path}': {error.Message}");
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

    /// <summary>Unchanged text keeps the file's time, so the image build stays incremental.</summary>
    private static void WriteIfChanged(string path, string text)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        if (!File.Exists(path) || File.ReadAllText(path) != text) File.WriteAllText(path, text);
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
