using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace Kaal.Packages.Tests;

/// <summary>A fact that needs the native tools an image is built and booted with (`kaal doctor` lists them); skipped,
/// naming the missing ones, only on a machine without them.</summary>
public sealed class ImageToolsFactAttribute : FactAttribute
{
    private static readonly string[] Tools = ["clang", "ld.lld", "aarch64-linux-gnu-objcopy", "qemu-system-aarch64"];

    public ImageToolsFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] missing = Tools.Where(tool => !folders.Any(folder => File.Exists(Path.Combine(folder, tool)))).ToArray();
        if (missing.Length > 0) Skip = $"not installed: {string.Join(", ", missing)} (kaal doctor)";
    }
}
