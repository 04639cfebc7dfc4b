using System;
using System.Diagnostics;
using System.IO;
using Kaal.Tests.Shared;

namespace Kaal.Cli.Tests;

/// <summary>
/// A user's system outside the repository: tests/Fixtures/kv-system (a key-value store, its client and a manifest)
/// copied to a temporary folder with a project that references Kaal.Sdk, as a user's would. Built once, in Release.
/// </summary>
internal static class UserProject
{
    private static readonly Lazy<string> Built = new(Build);

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), $"kaal-user-system-{Environment.ProcessId}");

    public static string ProjectPath => Path.Combine(Folder, "KvSystem.csproj");

    public static string Manifest => Path.Combine(Folder, "components.toml");

    /// <summary>The project's Release output (built on first use).</summary>
    public static string Assembly => Built.Value;

    /// <summary>Runs kaal (the build the tests reference) as its own process in <paramref name="workingDirectory"/>.</summary>
    public static (int ExitCode, string Output) RunKaal(string workingDirectory, params string[] args) =>
        Dotnet(workingDirectory, [Path.Combine(AppContext.BaseDirectory, "kaal.dll"), .. args]);

    /// <summary>Runs dotnet in <paramref name="workingDirectory"/> (killed after 5 minutes): its exit code and output
    /// (stdout then stderr).</summary>
    public static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    /// <summary>A project outside the repository that references Kaal.Sdk's source, as a user with a clone would:
    /// the ProjectReference and the import that gives it the EL0-API analyzer (docs/components.md).</summary>
    public static string ProjectText(string rootNamespace) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <RootNamespace>{rootNamespace}</RootNamespace>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="{Path.Combine(RepositoryPaths.Root, "Kaal.Sdk", "Kaal.Sdk.csproj")}" />
          </ItemGroup>
          <Import Project="{Path.Combine(RepositoryPaths.Root, "packaging", "build", "Kaal.Sdk.ProjectReference.targets")}" />
        </Project>
        """;

    private static string Build()
    {
        Directory.CreateDirectory(Folder);
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "kv-system")))
        {
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)), overwrite: true);
        }
        File.WriteAllText(ProjectPath, ProjectText("KvSystem"));
        (int code, string output) = Dotnet(Folder, "build", ProjectPath, "-c", "Release", "-nologo", "-v:q");
        if (code != 0) throw new InvalidOperationException($"the user project did not build:\n{output}");
        return Path.Combine(Folder, "bin", "Release", "net10.0", "KvSystem.dll");
    }
}
