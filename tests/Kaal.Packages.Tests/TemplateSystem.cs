using System;
using System.Diagnostics;
using System.IO;

namespace Kaal.Packages.Tests;

/// <summary>
/// The kaal-system template instantiated once per test run in a folder outside the repository (restored from the
/// feed only), and its first `kaal run` from there, timed from the empty folder: the start of README "Your first
/// system", whose later steps <see cref="FirstSystemTests"/> take on this one folder.
/// </summary>
public sealed class TemplateSystem
{
    public const string Name = "MySystem";
    public static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(5);

    public TemplateSystem(LocalFeed feed)
    {
        string parent = feed.NewFolder("first-system");
        var clock = Stopwatch.StartNew();
        LocalFeed.Require(LocalFeed.Dotnet(parent, CommandLimit, "new", "kaal-system", "-n", Name, "--KaalVersion", feed.Version, "--debug:custom-hive", feed.TemplateHive));
        Folder = Path.Combine(parent, Name);
        FirstRun = feed.RunKaal(Folder, CommandLimit, "run");
        FromEmptyFolderToRunOutput = clock.Elapsed;
    }

    /// <summary>The system's folder: components.toml, MySystem.csproj, the components, tests/MySystem.Tests.</summary>
    public string Folder { get; }

    /// <summary>`kaal run` in <see cref="Folder"/> right after `dotnet new` (it restores and builds the project).</summary>
    public CommandResult FirstRun { get; }

    /// <summary>From `dotnet new` in an empty folder to the end of the first `kaal run`'s output.</summary>
    public TimeSpan FromEmptyFolderToRunOutput { get; }

    /// <summary>A copy of the system's manifest and components (not its tests or build outputs) in a folder of its own
    /// with the walkthrough's planted bug switched on: <c>ReadThenWrite => true</c> in CounterClient.cs.</summary>
    public string CopyWithPlantedBug(LocalFeed feed)
    {
        string copy = Path.Combine(feed.NewFolder("planted-bug"), Name);
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(Folder)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        string client = Path.Combine(copy, "CounterClient.cs");
        string source = File.ReadAllText(client);
        const string off = "private static bool ReadThenWrite => false;";
        if (!source.Contains(off, StringComparison.Ordinal)) throw new InvalidOperationException($"the template's CounterClient.cs no longer has '{off}'");
        File.WriteAllText(client, source.Replace(off, "private static bool ReadThenWrite => true;", StringComparison.Ordinal));
        return copy;
    }
}
