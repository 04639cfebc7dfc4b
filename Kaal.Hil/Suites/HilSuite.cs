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
    public string ImagePath(string repositoryRoot, HilTarget target) =>
        Path.Combine(repositoryRoot, ImageDirectory, target.ImageFileName);
}
