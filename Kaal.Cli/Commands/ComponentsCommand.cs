using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Kaal.Cli.Rendering;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.ImageBuild;

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
        table.SetAction(parse => ComponentTableStep.Run(parse.GetValue(output)!, parse.GetValue(manifest), parse.GetValue(metadata),
            () => options.Resolve(parse).Components, Console.Out, Console.Error));
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
