using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.ImageBuild;

namespace Kaal.BuildTool;

/// <summary>
/// `Kaal.BuildTool table --out FILE [--manifest M] [--metadata DIR] --assembly A...` and
/// `Kaal.BuildTool registry MANIFEST (--image ELF | --images DIR [--store FILE]) --out FILE [--assembly A...]`: the steps of
/// <see cref="ComponentTableStep"/> and <see cref="RegistryStep"/> for the image build, with the components of the
/// assemblies named (the build names Kaal.Components' first). Exit codes as the steps'; 2 for a malformed command line.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        ToolArguments? parsed = ToolArguments.Parse(args, out string? problem);
        if (parsed is null)
        {
            Console.Error.WriteLine($"error: {problem}");
            Console.Error.WriteLine("usage: Kaal.BuildTool table --out FILE [--manifest M] [--metadata DIR] [--assembly A]...");
            Console.Error.WriteLine("       Kaal.BuildTool registry MANIFEST (--image ELF | --images DIR [--store FILE]) --out FILE [--assembly A]...");
            return 2;
        }
        return parsed.Step switch
        {
            "table" => ComponentTableStep.Run(parsed.Out, parsed.Option("--manifest"), parsed.Option("--metadata"),
                () => FromAssemblies(parsed.Assemblies), Console.Out, Console.Error),
            _ => RegistryStep.Run(parsed.Manifest!, parsed.Option("--image"), parsed.Option("--images"), parsed.Out,
                () => parsed.Option("--images") is string folder ? ComponentImageFiles.Load(folder) : FromAssemblies(parsed.Assemblies),
                Console.Out, Console.Error, parsed.Option("--store")),
        };
    }

    /// <exception cref="ArgumentException">an assembly cannot be loaded or a declaration is unusable.</exception>
    private static ComponentSet FromAssemblies(IReadOnlyList<string> paths)
    {
        // The first assembly (Kaal.Components) loads first, so a user's assembly that references it binds to that copy.
        Assembly[] assemblies = paths.Select(ComponentAssemblies.Load).Distinct().ToArray();
        return ComponentDiscovery.FromAssemblies(assemblies);
    }
}
