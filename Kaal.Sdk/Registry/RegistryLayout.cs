namespace Kaal.Sdk.Registry;

/// <summary>
/// The component registry's bytes: what the build binds from components.toml and the component binaries, and
/// what system_init reads at run time (it never parses TOML). A 64-byte header, fixed-size component records,
/// then the ELF images. Little-endian throughout; docs/components.md has the table.
/// </summary>
public static class RegistryLayout
{
    public const ulong Magic = 0x3147_4552_4C41_414B; // "KAALREG1"
    /// <summary>2: records carry the component's core (<see cref="CoreOffset"/>). A reader refuses any other version
    /// rather than run every component of a newer or older registry on a core it did not mean.</summary>
    public const uint Version = 2;
    public const int VersionOffset = 8;
    public const int HeaderBytes = 64;
    public const int RecordBytes = 1024;
    public const int GrantBytes = 48;
    public const int MaxGrants = 16;
    public const int MaxDependencies = 16;
    public const int MaxComponents = 64;
    public const int NameBytes = 32;
    public const int GrantNameBytes = 24;

    // Header
    public const int CountOffset = 12;
    public const int MemoryBytesOffset = 16;

    // Record
    public const int BinaryOffset = 32;
    public const int KindOffset = 64;
    public const int SpawnedByRootOffset = 65;
    public const int RestartOffset = 66;
    public const int AutostartOffset = 67;
    public const int PriorityOffset = 68;
    public const int RestartLimitOffset = 72;
    public const int BackoffOffset = 76;
    public const int ImageOffsetOffset = 80;
    public const int ImageSizeOffset = 84;
    public const int GrantCountOffset = 88;
    public const int DependencyCountOffset = 92;
    public const int DependenciesOffset = 96;
    public const int GrantsOffset = 128;
    /// <summary>After the last grant slot: the core the component's threads run on (u32, the manifest's `core`).</summary>
    public const int CoreOffset = GrantsOffset + MaxGrants * GrantBytes;
    /// <summary>After the core: the manifest's `image` path (zero-padded; all zero: the image is the embedded one).</summary>
    public const int ImagePathOffset = CoreOffset + 8;
    public const int ImagePathBytes = 32;
}
