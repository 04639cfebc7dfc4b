namespace Kaal.Sdk.Images;

/// <summary>
/// The bytes of a component image's metadata section (<see cref="SectionName"/>, seed 002's discovery method 2): what
/// the binary is (name, type, version) and the capabilities it expects, written at image-build time from its
/// [KaalComponent] declaration and read by the registry writer, `kaal manifest check --images` and the loader in
/// system_init. Little-endian, fixed-size fields so a reader checks the size before it reads anything:
/// a 96-byte header, then <see cref="ExpectBytes"/> per expected capability; format version 2 adds, after them, the binary
/// the image is a new version of (<see cref="ReplacesBytes"/>: `Replaces =` in [KaalComponent], what the loader lets it
/// replace). Format 1 stays what every other binary's image carries, byte for byte. docs/component-images.md has the table.
/// </summary>
public static class ComponentMetadataLayout
{
    /// <summary>A non-allocated section: it is in the file, never in the child's memory.</summary>
    public const string SectionName = ".kaal.component";
    public const ulong Magic = 0x3150_4D43_4C41_414B; // "KAALCMP1"
    public const uint FormatVersion = 1;
    /// <summary>Format 1 followed by the replaced binary's name (<see cref="ReplacesBytes"/>, zero-padded).</summary>
    public const uint FormatVersionWithReplaces = 2;
    public const int HeaderBytes = 96;
    public const int ExpectBytes = 128;
    public const int MaxExpects = 16;
    public const int NameBytes = 32;
    public const int VersionBytes = 32;
    public const int ExpectNameBytes = 24;
    public const int ExpectTextBytes = 80;
    public const int ReplacesBytes = NameBytes;

    // Header
    public const int FormatVersionOffset = 8;
    public const int TypeOffset = 12;
    public const int ExpectCountOffset = 16;
    public const int NameOffset = 24;
    public const int VersionOffset = 56;

    // Expected capability: the registry's grant form (GrantKind, role, name, A, B), whether any value of the kind
    // will do, and the text as the declaration wrote it (for messages and for the host validator).
    public const int ExpectKindOffset = 0;
    public const int ExpectRoleOffset = 1;
    public const int ExpectAnyValueOffset = 2;
    public const int ExpectNameOffset = 8;
    public const int ExpectAOffset = 32;
    public const int ExpectBOffset = 40;
    public const int ExpectTextOffset = 48;

    /// <summary>The section's exact size for <paramref name="expectCount"/> expected capabilities.</summary>
    public static int SizeFor(int expectCount) => HeaderBytes + expectCount * ExpectBytes;

    /// <summary>The section's exact size in <paramref name="format"/> (1 or 2) for <paramref name="expectCount"/> expected
    /// capabilities; where format 2's replaced binary starts is <see cref="SizeFor(int)"/>.</summary>
    public static int SizeFor(uint format, int expectCount) => SizeFor(expectCount) + (format == FormatVersionWithReplaces ? ReplacesBytes : 0);
}
