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

    public string ImagePath(string repositoryRoot, HilTarget target) =>
        Path.Combine(repositoryRoot, ImageDirectory, target.ImageFileName);
}
