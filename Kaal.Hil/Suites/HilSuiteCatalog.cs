using System.Collections.Generic;
using System.Linq;

namespace Kaal.Hil.Suites;

/// <summary>The suites `kaal hil run --suite NAME` knows: the kernel self-test, and a system suite for every manifest
/// of the repository (<see cref="SystemSuites"/>: derived, not listed).</summary>
public static class HilSuiteCatalog
{
    public static HilSuite Kernel { get; } =
        new("kernel", "the kernel self-test image (port, capability, IPC, scheduler, fault and memory scenarios)",
            "artifacts/kernel/selftest", ["Kaal.Model kernel booted: "],
            "build it with: dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=selftest");

    /// <summary>The kernel suite, or the system suite of the repository's manifest NAME (null without a repository).</summary>
    public static HilSuite? Find(string name, string? repositoryRoot)
    {
        if (name == Kernel.Name) return Kernel;
        string? manifest = repositoryRoot is null ? null : SystemSuites.ManifestOf(name, repositoryRoot);
        return manifest is null ? null : SystemSuites.FromManifest(manifest);
    }

    /// <summary>"kernel, default, ..." for messages.</summary>
    public static string Names(string? repositoryRoot) =>
        string.Join(", ", new[] { Kernel.Name }.Concat(repositoryRoot is null ? [] : SystemSuites.NamesIn(repositoryRoot)));
}
