using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Collections.Generic;
using System.Text.Json;

namespace Kaal.Cli.Commands;

/// <summary>
/// A user's project as the commands load it: built in Release whatever configuration the user works in, so that
/// exploration and runs execute optimized code (a Debug build explores several times slower), and its output assembly
/// found through MSBuild's own TargetPath rather than guessed.
/// </summary>
internal static class ProjectBuild
{
    /// <summary>The one *.csproj in <paramref name="folder"/>, or null if there is none.</summary>
    /// <exception cref="ArgumentException">there are several (the message lists them).</exception>
    public static string? FindInFolder(string folder)
    {
        string[] projects = Directory.GetFiles(folder, "*.csproj").OrderBy(path => path, StringComparer.Ordinal).ToArray();
        return projects.Length switch
        {
            0 => null,
            1 => projects[0],
            _ => throw new ArgumentException($"{folder} holds {projects.Length} projects ({string.Join(", ", projects.Select(Path.GetFileName))}): choose one with --project, or pass --assembly PATH"),
        };
    }

    /// <summary>Builds <paramref name="project"/> in Release and returns its output assembly's path.</summary>
    /// <exception cref="ArgumentException">the project does not exist or does not build (its errors in the message).</exception>
    public static string BuildRelease(string project)
    {
        if (!File.Exists(project)) throw new ArgumentException($"project '{project}' does not exist");
        Console.Error.WriteLine($"kaal: building {Path.GetFileName(project)} (Release)");
        (int code, string output) = Dotnet("build", project, "-c", "Release", "-nologo", "-v:q", "-clp:NoSummary");
        if (code != 0)
        {
            string errors = string.Join(Environment.NewLine, output.Split('\n').Select(line => line.TrimEnd()).Where(line => line.Contains(": error ", StringComparison.Ordinal)).Distinct());
            throw new ArgumentException($"project '{project}' does not build (dotnet build -c Release exited with {code}):{Environment.NewLine}{(errors.Length > 0 ? errors : output.Trim())}");
        }
        (code, output) = Dotnet("msbuild", project, "-nologo", "-p:Configuration=Release", "-getProperty:TargetPath");
        string path = output.Trim();
        if (code != 0 || !File.Exists(path)) throw new ArgumentException($"project '{project}' built, but its output assembly was not found (TargetPath '{path}')");
        return path;
    }

    /// <summary>The C# files <paramref name="project"/> compiles (its Compile items, full paths): what the EL0 image build
    /// compiles of it, since an assembly built against the full .NET library cannot run there.</summary>
    /// <exception cref="ArgumentException">MSBuild cannot evaluate the project.</exception>
    public static IReadOnlyList<string> SourcesOf(string project)
    {
        (int code, string output, string errors) = DotnetApart("msbuild", project, "-nologo", "-p:Configuration=Release", "-getItem:Compile");
        if (code != 0) throw new ArgumentException($"cannot list the sources of '{project}': {(output + errors).Trim()}");
        using JsonDocument json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Items").GetProperty("Compile").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!)
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Runs dotnet; the exit code and standard output followed by standard error.</summary>
    private static (int Code, string Output) Dotnet(params string[] arguments)
    {
        (int code, string output, string errors) = DotnetApart(arguments);
        return (code, output + errors);
    }

    private static (int Code, string Output, string Errors) DotnetApart(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ArgumentException("cannot start dotnet");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new ArgumentException($"cannot start '{start.FileName}' to build the project: {error.Message}");
        }
        using Process started = process;
        System.Threading.Tasks.Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}
