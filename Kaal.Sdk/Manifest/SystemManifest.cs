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

    /// <summary>The cores the system runs on (`cores`, 1 unless the manifest says): components are placed on 0..Cores-1
    /// (`core`), the simulator simulates this many, and a suite boots qemu-virt with `-smp` this many.</summary>
    public int Cores { get; init; } = 1;

    /// <summary>The most cores <paramref name="platform"/> has: the Raspberry Pi 3 and 4 have four; qemu-virt as many as
    /// `-smp` gives, up to the kernel's 8 (KernelConfig.MaxCores).</summary>
    public static int MaxCoresOf(Platform platform) => platform == Platform.QemuVirt ? KernelMaxCores : 4;

    /// <summary>The most cores the kernel brings online (Kaal.Model's KernelConfig.MaxCores).</summary>
    public const int KernelMaxCores = 8;

    /// <summary>Keys given whose value could not be taken (reported already): checks that depend on them are skipped.</summary>
    public IReadOnlySet<string> Unread { get; init; } = new HashSet<string>();

    public bool Knows(string key) => !Unread.Contains(key);
}

/// <summary>A parsed components.toml: the system and its components, in file order.</summary>
public sealed record SystemManifest(string File, SystemConfig System, IReadOnlyList<ComponentSpec> Components);
