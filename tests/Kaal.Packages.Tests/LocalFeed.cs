using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace Kaal.Packages.Tests;

/// <summary>
/// Every package of the repository (and the dotnet new templates) packed into a folder feed under a temporary directory outside the repository, with a
/// version no other run uses (so no NuGet cache can hand out another build's package), a nuget.config that adds that
/// feed to the machine's sources, and the kaal tool installed from it with `dotnet tool install --tool-path`, the templates with `dotnet new install`
/// into a template hive of its own. Packages
/// restored by the user projects land in the temporary folder; third-party ones come from the machine's cache as a
/// fallback folder, or its normal source.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    public static readonly string[] PackageIds = ["Kaal.Model", "Kaal.Sdk", "Kaal.Components", "Kaal.Sim", "Kaal.Sim.Coyote", "Kaal.Hil", "Kaal.Cli"];
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(8);

    private readonly Lazy<TemplateSystem> _templateSystem;

    public LocalFeed()
    {
        _templateSystem = new Lazy<TemplateSystem>(() => new TemplateSystem(this));
        Root = Path.Combine(Path.GetTempPath(), $"kaal-packages-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Feed);
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Pack();
        WriteNuGetConfig();
        var installClock = System.Diagnostics.Stopwatch.StartNew();
        Require(Dotnet(Root, BuildLimit, "tool", "install", "Kaal.Cli", "--version", Version, "--tool-path", ToolFolder, "--configfile", NuGetConfig));
        ToolInstallTime = installClock.Elapsed;
        Require(Dotnet(Root, BuildLimit, "new", "install", Path.Combine(Feed, $"Kaal.Templates.{Version}.nupkg"), "--debug:custom-hive", TemplateHive));
    }

    public string Root { get; }

    /// <summary>The kaal-system template, instantiated on first use and shared by the walkthrough's steps.</summary>
    public TemplateSystem TemplateSystem => _templateSystem.Value;

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>How long `dotnet tool install` of kaal from the feed took (a figure of docs/packages.md).</summary>
    public TimeSpan ToolInstallTime { get; }

    public string Version { get; }

    public string NuGetConfig => Path.Combine(Root, "nuget.config");

    public string ToolFolder => Path.Combine(Root, "tool");

    public string Kaal => Path.Combine(ToolFolder, "kaal");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string TemplatesProject => Path.Combine(RepositoryRoot, "templates", "Kaal.Templates.csproj");

    /// <summary>Where `dotnet new` keeps the templates installed by these tests (not the user's own list).</summary>
    public string TemplateHive => Path.Combine(Root, "template-hive");

    /// <summary>A new folder for one test's project, inside <see cref="Root"/> (so the feed's nuget.config applies).</summary>
    public string NewFolder(string name)
    {
        string folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public CommandResult RunKaal(string folder, TimeSpan limit, params string[] arguments) => Commands.Run(folder, limit, Kaal, null, arguments);

    public static CommandResult Dotnet(string folder, TimeSpan limit, params string[] arguments) => Commands.Run(folder, limit, "dotnet", null, arguments);

    /// <summary>Fails the fixture with the command's whole output unless it succeeded.</summary>
    public static CommandResult Require(CommandResult result) =>
        result.ExitCode == 0 ? result : throw new InvalidOperationException(result.ToString());

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("KAAL_KEEP_PACKAGE_TESTS") is null) Directory.Delete(Root, recursive: true);
    }

    /// <summary>One Release build of the tool (which builds every library it bundles), then each package without building again.</summary>
    private void Pack()
    {
        Require(Dotnet(RepositoryRoot, BuildLimit, "build", Path.Combine(RepositoryRoot, "Kaal.Cli", "Kaal.Cli.csproj"), "-c", "Release", "-nologo", "-v:q"));
        foreach (string id in PackageIds)
        {
            Require(Dotnet(RepositoryRoot, BuildLimit, "pack", Path.Combine(RepositoryRoot, id, id + ".csproj"), "-c", "Release", "--no-build", "-nologo", "-v:q",
                "-o", Feed, $"-p:Version={Version}"));
        }
        Require(Dotnet(RepositoryRoot, BuildLimit, "pack", TemplatesProject, "-c", "Release", "-nologo", "-v:q", "-o", Feed, $"-p:Version={Version}"));
    }

    private void WriteNuGetConfig()
    {
        string machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
              <packageSources>
                <add key="kaal-local-feed" value="{Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    private static string FindRepositoryRoot()
    {
        for (string? folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "Kaal.sln"))) return folder;
        }
        throw new InvalidOperationException($"Kaal.sln not found above {AppContext.BaseDirectory}");
    }
}

[CollectionDefinition(Name)]
public sealed class LocalFeedCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "local feed";
}
