using System.Collections.Generic;
using System.IO;
using Kaal.Hil.Targets;

namespace Kaal.Hil.Suites;

/// <summary>
/// A HIL suite: an image folder (relative to the repository root; holding kaal.elf for virt and kernel8.img
/// for raspi3b and boards) and the lines that must appear on the console besides the sel4test protocol (line
/// prefixes). <paramref name="ImageHint"/> tells the user how to get the image when it is missing.
/// </summary>
public sealed record HilSuite(string Name, string Description, string ImageDirectory, IReadOnlyList<string> ExpectedLines, string ImageHint)
{
    /// <summary>
    /// A system suite names the manifest its image was built from (relative to the repository root). Its console is
    /// components' `[name] ` lines rather than one sel4test run: the run ends when the machine powers off, passes on
    /// <see cref="ExpectedExitCode"/>, the expected lines and the components' own tests, and `kaal hil run` also
    /// compares it with the simulator's run of the same manifest (the differential check, docs/hil.md).
    /// </summary>
    public string? Manifest { get; init; }

    /// <summary>A system suite's power-off code: system_init's 0 when nothing failed, 1 when something did.</summary>
    public int ExpectedExitCode { get; init; }

    public bool IsSystem => Manifest is not null;

    /// <summary>
    /// A system built for another board, by target name (e.g. qemu-raspi3b): where its devices differ, the same system
    /// has its own manifest and image folder. Targets not listed boot <see cref="ImageDirectory"/>.
    /// </summary>
    public IReadOnlyDictionary<string, BoardSystem> Boards { get; init; } = new Dictionary<string, BoardSystem>();

    /// <summary>The suite as <paramref name="target"/> runs it: its board's image folder, manifest and hint, if it has one.</summary>
    public HilSuite On(HilTarget target) => Boards.TryGetValue(target.Name, out BoardSystem? board)
        ? this with { ImageDirectory = board.ImageDirectory, Manifest = board.Manifest, ImageHint = board.ImageHint }
        : this;

    public string ImagePath(string repositoryRoot, HilTarget target) =>
        Path.Combine(repositoryRoot, ImageDirectory, target.ImageFileName);
}

/// <summary>A system suite's image folder and manifest for one board (both relative to the repository root).</summary>
public sealed record BoardSystem(string ImageDirectory, string Manifest, string ImageHint);
