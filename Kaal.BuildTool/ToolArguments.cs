using System;
using System.Collections.Generic;

namespace Kaal.BuildTool;

/// <summary>The tool's command line: a step (`table` or `registry`), the registry's manifest, `--assembly` (repeatable)
/// and single-valued options. Only the image build writes it, so the form is strict: every option takes one value.</summary>
internal sealed class ToolArguments
{
    private static readonly string[] TableOptions = ["--out", "--manifest", "--metadata"];
    private static readonly string[] RegistryOptions = ["--out", "--image", "--images", "--store"];

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private ToolArguments(string step) => Step = step;

    public string Step { get; }

    public string? Manifest { get; private set; }

    public List<string> Assemblies { get; } = [];

    public string Out => _options["--out"];

    public string? Option(string name) => _options.GetValueOrDefault(name);

    /// <summary>The arguments, or null and the first problem.</summary>
    public static ToolArguments? Parse(string[] args, out string? problem)
    {
        problem = null;
        if (args.Length == 0 || args[0] is not ("table" or "registry"))
        {
            problem = args.Length == 0 ? "no step given" : $"unknown step '{args[0]}'";
            return null;
        }
        var parsed = new ToolArguments(args[0]);
        string[] allowed = parsed.Step == "table" ? TableOptions : RegistryOptions;
        for (int index = 1; index < args.Length; index++)
        {
            string arg = args[index];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (parsed.Step == "registry" && parsed.Manifest is null) parsed.Manifest = arg;
                else problem = $"unexpected argument '{arg}'";
            }
            else if (index + 1 >= args.Length)
            {
                problem = $"{arg} needs a value";
            }
            else if (arg == "--assembly")
            {
                parsed.Assemblies.Add(args[++index]);
            }
            else if (Array.IndexOf(allowed, arg) < 0)
            {
                problem = $"unknown option '{arg}' for {parsed.Step}";
            }
            else if (!parsed._options.TryAdd(arg, args[++index]))
            {
                problem = $"{arg} given twice";
            }

            if (problem is not null) return null;
        }
        if (!parsed._options.ContainsKey("--out")) problem = "--out FILE is required";
        else if (parsed.Step == "registry" && parsed.Manifest is null) problem = "registry needs the manifest";
        return problem is null ? parsed : null;
    }
}
