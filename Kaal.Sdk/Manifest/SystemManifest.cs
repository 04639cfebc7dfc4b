using System.Collections.Generic;

namespace Kaal.Sdk.Manifest;

public enum Platform
{
    QemuVirt,
    QemuRaspi3b,
    QemuRaspi4b,
}

/// <summary>The `[system]` table: which machine, and how much RAM it has (bytes).</summary>
public sealed record SystemConfig(Platform Platform, ulong MemoryBytes, SourceLocation Location)
{
    public const ulong DefaultMemoryBytes = 128UL * 1024 * 1024;

    /// <summary>Where RAM starts on the platform: memory_map regions must stay outside [RamBase, RamBase + MemoryBytes).</summary>
    public ulong RamBase => Platform == Platform.QemuVirt ? 0x4000_0000UL : 0UL;

    /// <summary>The exit code the system is expected to shut down with (`exit_code`, 0 unless the manifest says): a run
    /// that shuts down with another is a failed run, in the simulator and on the CPU alike.</summary>
    public ulong ExpectedExitCode { get; init; }

    /// <summary>Keys given whose value could not be taken (reported already): checks that depend on them are skipped.</summary>
    public IReadOnlySet<string> Unread { get; init; } = new HashSet<string>();

    public bool Knows(string key) => !Unread.Contains(key);
}

/// <summary>A parsed components.toml: the system and its components, in file order.</summary>
public sealed record SystemManifest(string File, SystemConfig System, IReadOnlyList<ComponentSpec> Components);
