using System;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// Declares a component binary: the name a manifest's `binary` uses, what it is, its version and the capabilities it
/// cannot work without. Put it on a non-abstract <see cref="Component"/> subclass with a public parameterless
/// constructor, in any assembly: the host tools (simulator, manifest check, `kaal run`, `kaal explore`, the HIL
/// runner) find it by reflection (Kaal.Sdk.Discovery.ComponentDiscovery), and the EL0 image build turns the same
/// declarations into a static table, since there is no reflection on the CPU. Not inherited: a subclass that is a
/// binary of its own declares itself.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KaalComponentAttribute : Attribute
{
    public KaalComponentAttribute(string binary, ComponentType type, string version)
    {
        Binary = binary;
        Type = type;
        Version = version;
    }

    /// <summary>`[a-z][a-z0-9_]*`, at most 32 bytes, unique among the assemblies a tool is given.</summary>
    public string Binary { get; }

    public ComponentType Type { get; }

    public string Version { get; }

    /// <summary>One line for listings (`kaal manifest check`'s "unknown binary" error names every known binary).</summary>
    public string Description { get; set; } = "";

    /// <summary>
    /// Capabilities in manifest syntax that every manifest entry running this binary must grant; `kaal manifest check`
    /// reports an entry that grants less at its position. A part left out matches any value: "interrupt" is any line,
    /// "memory_map" any region, "memory:allocate" any budget; "memory:allocate:64K" is a budget of at least 64 KiB.
    /// </summary>
    public string[] Expects { get; set; } = [];

    /// <summary>The binary this one is a new version of (docs/hot-reload.md): its image's metadata names that binary, so
    /// the loader may replace a component running it with this one. Null: a binary of its own.</summary>
    public string? Replaces { get; set; }
}
