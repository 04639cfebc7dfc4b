using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Kaal.Hil.Processes;

/// <summary>A program the image build or the HIL harness runs from the machine, and the Debian package that installs it.</summary>
public sealed record NativeTool(string Executable, string DebianPackage, string UsedFor);

/// <summary>
/// The machine's programs that building and booting AArch64 images need (the ILC compiler is not one: restore brings
/// it from NuGet), looked up on a search path as a shell would, so that a missing one is named with its package.
/// </summary>
public static class NativeTools
{
    public static IReadOnlyList<NativeTool> All { get; } =
    [
        new("clang", "clang", "assembles the kernel's and the EL0 image's .S files"),
        new("ld.lld", "lld", "links the kernel and EL0 images"),
        new("aarch64-linux-gnu-objcopy", "binutils-aarch64-linux-gnu", "strips the EL0 image and writes raspi3b's kernel8.img"),
        new("qemu-system-aarch64", "qemu-system-arm", "boots images (kaal boot, kaal hil run)"),
    ];

    /// <summary>Where <paramref name="tool"/> is on <paramref name="searchPath"/> (PATH's syntax), or null.</summary>
    public static string? Locate(NativeTool tool, string searchPath) =>
        searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool.Executable))
            .FirstOrDefault(File.Exists);

    /// <summary>The one command that installs every tool in <paramref name="missing"/>.</summary>
    public static string InstallCommand(IEnumerable<NativeTool> missing) =>
        "apt-get install " + string.Join(' ', missing.Select(tool => tool.DebianPackage).Distinct(StringComparer.Ordinal));
}
