using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Kaal.Sdk.Manifest;

namespace Kaal.Cli.Commands;

/// <summary>`kaal manifest check [FILE]`: prints every problem of a components.toml as `file:line:col: error: message`
/// and a summary. Exit 0 if clean, 1 if there are problems, 2 if the file cannot be read.</summary>
internal static class ManifestCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the manifest to check", DefaultValueFactory = _ => "components.toml" };
        var check = new Command("check", "Read and validate a components.toml; print all problems at once");
        check.Arguments.Add(file);
        check.SetAction(parse => Check(parse.GetValue(file)!));
        var manifest = new Command("manifest", "Work with the system manifest (components.toml)");
        manifest.Subcommands.Add(check);
        return manifest;
    }

    private static int Check(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"error: cannot read manifest '{path}': {error.Message}");
            return 2;
        }
        (SystemManifest manifest, IReadOnlyList<ManifestProblem> problems) = ManifestChecker.Check(text, path);
        foreach (ManifestProblem problem in problems) Console.WriteLine(problem);
        if (problems.Count == 0)
        {
            Console.WriteLine($"{path}: ok, {manifest.Components.Count} component{(manifest.Components.Count == 1 ? "" : "s")}");
            return 0;
        }
        Console.WriteLine($"{path}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
        return 1;
    }
}
