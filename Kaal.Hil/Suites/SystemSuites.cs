using System.Collections.Generic;
using System.IO;
using Kaal.Hil.Qemu;

namespace Kaal.Hil.Suites;

/// <summary>
/// System suites are not listed anywhere: each is derived from a manifest. Its name is the system's (components.toml is
/// "default", any other manifest its file name), its image folder artifacts/system/NAME (where the image build writes
/// it), its one expected line system_init's summary; what else the console must show, and the exit code, are the
/// simulator's run of the same manifest (the differential check and the expected exit code are set by `kaal hil run`,
/// which owns the simulator). The repository's systems are components.toml and manifests/*.toml.
/// </summary>
public static class SystemSuites
{
    public const string DefaultName = "default";
    public const string DefaultManifest = "components.toml";
    public const string SummaryLine = "[system_init] summary: ";
    private const string ManifestFolder = "manifests";

    /// <summary>The system name of a manifest: "default" for components.toml, else its file name without .toml.</summary>
    public static string NameOf(string manifest) =>
        Path.GetFileName(manifest) == DefaultManifest ? DefaultName : Path.GetFileNameWithoutExtension(manifest);

    /// <summary>The suite of <paramref name="manifest"/> (a path relative to the repository root, or absolute).</summary>
    public static HilSuite FromManifest(string manifest)
    {
        string name = NameOf(manifest);
        string hint = manifest == DefaultManifest
            ? "build it with: dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=default-system (or kaal build --manifest components.toml)"
            : $"build it with: dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=default-system -p:KaalManifest={manifest} (or kaal build --manifest {manifest})";
        return new HilSuite(name, $"the system of {manifest}", Path.Combine("artifacts", "system", name), [SummaryLine], hint)
        {
            Manifest = manifest,
            // The default system on a board whose devices differ is that board's manifest (manifests/raspi3b.toml, raspi4b.toml).
            Boards = manifest == DefaultManifest ? BoardsOfDefault() : new Dictionary<string, BoardSystem>(),
        };
    }

    /// <summary>The manifest of the repository's system NAME, relative to <paramref name="repositoryRoot"/>, or null.</summary>
    public static string? ManifestOf(string name, string repositoryRoot)
    {
        string manifest = name == DefaultName ? DefaultManifest : Path.Combine(ManifestFolder, name + ".toml");
        return File.Exists(Path.Combine(repositoryRoot, manifest)) ? manifest.Replace(Path.DirectorySeparatorChar, '/') : null;
    }

    /// <summary>The repository's system names: default, then manifests/*.toml in ordinal order.</summary>
    public static IReadOnlyList<string> NamesIn(string repositoryRoot)
    {
        var names = new List<string> { DefaultName };
        string folder = Path.Combine(repositoryRoot, ManifestFolder);
        if (!Directory.Exists(folder)) return names;
        string[] files = Directory.GetFiles(folder, "*.toml");
        System.Array.Sort(files, System.StringComparer.Ordinal);
        foreach (string file in files) names.Add(Path.GetFileNameWithoutExtension(file));
        return names;
    }

    private static Dictionary<string, BoardSystem> BoardsOfDefault()
    {
        var boards = new Dictionary<string, BoardSystem>();
        foreach ((string target, string manifest) in new[] { (QemuTarget.Raspi3bName, "raspi3b.toml"), (QemuTarget.Raspi4bName, "raspi4b.toml") })
        {
            HilSuite board = FromManifest($"{ManifestFolder}/{manifest}");
            boards[target] = new BoardSystem(board.ImageDirectory, board.Manifest!, board.ImageHint);
        }
        return boards;
    }
}
