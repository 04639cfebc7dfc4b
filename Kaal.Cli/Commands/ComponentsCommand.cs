using System;
using System.CommandLine;
using System.IO;
using Kaal.Sdk.Discovery;

namespace Kaal.Cli.Commands;

/// <summary>`kaal components list`: every component binary the tool finds (Kaal.Components' and the user's, as
/// `kaal run` would), with its declaration. `kaal components table --out FILE`: the EL0 image's static dispatch table
/// for them (the image build runs it). Exit 0, or 2 if a declaration is unusable or the file cannot be written.</summary>
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
                string expects = component.Expects.Count == 0 ? "" : $"; expects {string.Join(", ", System.Linq.Enumerable.Select(component.Expects, expected => expected.Text))}";
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
        var table = new Command("table", "Write the EL0 image's static table of the discovered components (C# source the image build compiles)");
        options.AddTo(table);
        table.Options.Add(output);
        table.SetAction(parse => WithComponents(() => options.Resolve(parse), sources =>
        {
            string path = parse.GetValue(output)!;
            string text = ComponentTableWriter.Write(sources.Components);
            try
            {
                string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is not null) Directory.CreateDirectory(directory);
                // Unchanged text keeps the file's time, so the image build stays incremental.
                if (!File.Exists(path) || File.ReadAllText(path) != text) File.WriteAllText(path, text);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot write '{path}': {error.Message}");
                return 2;
            }
            Console.WriteLine($"{path}: {sources.Components.All.Count} component binaries");
            return 0;
        }));
        return table;
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
