using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Images;
using Kaal.Sdk.Registry;

namespace Kaal.Sdk.Manifest;

/// <summary>
/// One capability a component binary declares it cannot work without (KaalComponentAttribute.Expects), and whether a
/// manifest entry's capabilities grant it. The written forms are the manifest's; a kind alone ("interrupt",
/// "memory_map", "memory:allocate") is granted by any capability of that kind, a full `memory:allocate:BYTES` by a
/// total budget of at least BYTES, a full `memory_map:ADDR:SIZE` by one region covering it, anything else by an equal
/// capability.
/// </summary>
public sealed class ExpectedCapability
{
    private static readonly SourceLocation Nowhere = new("expects", 1, 1);
    private static readonly string[] KindsAlone = { "interrupt", "memory_map", "memory:allocate" };

    private readonly string? _kindAlone;
    private readonly ManifestCapability? _exact;

    private ExpectedCapability(string text, string? kindAlone, ManifestCapability? exact)
    {
        Text = text;
        _kindAlone = kindAlone;
        _exact = exact;
    }

    public string Text { get; }

    /// <summary>The expectation, or null and what is wrong with its text.</summary>
    public static ExpectedCapability? Parse(string text, out string? error)
    {
        error = null;
        if (KindsAlone.Contains(text)) return new ExpectedCapability(text, text, null);
        var problems = new List<ManifestProblem>();
        ManifestCapability? exact = CapabilityParser.Parse(text, Nowhere, problems);
        if (exact is null) error = problems.Count > 0 ? problems[0].Message : $"capability \"{text}\" does not parse";
        return exact is null ? null : new ExpectedCapability(text, null, exact);
    }

    /// <summary>The expectation in the registry's grant form, as an image's metadata section carries it (the loader on the
    /// CPU checks it against a registry record's grants with the same rules, <see cref="ExpectedGrant.IsGrantedBy"/>).</summary>
    public ExpectedGrant ToGrant()
    {
        if (_exact is null)
        {
            GrantKind kind = _kindAlone switch { "interrupt" => GrantKind.Interrupt, "memory_map" => GrantKind.MemoryMap, _ => GrantKind.MemoryAllocate };
            return new ExpectedGrant(kind, 0, "", 0, 0, AnyValue: true, Text);
        }
        (GrantKind Kind, uint Role, string Name, ulong A, ulong B) form = RegistryWriter.GrantForm(_exact, $"expected capability \"{Text}\"");
        return new ExpectedGrant(form.Kind, form.Role, form.Name, form.A, form.B, AnyValue: false, Text);
    }

    public bool IsGrantedBy(IReadOnlyList<ManifestCapability> granted) => (_kindAlone, _exact) switch
    {
        ("interrupt", _) => granted.OfType<InterruptCapability>().Any(),
        ("memory_map", _) => granted.OfType<MemoryMapCapability>().Any(),
        ("memory:allocate", _) => granted.OfType<MemoryAllocateCapability>().Any(),
        (_, MemoryAllocateCapability budget) => Total(granted) >= budget.Bytes,
        (_, MemoryMapCapability region) => granted.OfType<MemoryMapCapability>().Any(other => other.Address <= region.Address && region.End <= other.End),
        (_, InterruptCapability line) => granted.OfType<InterruptCapability>().Any(other => other.Irq == line.Irq),
        (_, IpcCapability end) => granted.OfType<IpcCapability>().Any(other => other.Channel == end.Channel && (other.Role == end.Role || (end.Role == IpcRole.Client && other.Role == IpcRole.Writer))),
        (_, ProcessReloadCapability reload) => granted.OfType<ProcessReloadCapability>().Any(other => other.Target == reload.Target),
        (_, ManifestCapability other) => granted.Any(capability => capability.GetType() == other.GetType()),
        _ => false,
    };

    private static ulong Total(IReadOnlyList<ManifestCapability> granted)
    {
        ulong total = 0;
        foreach (MemoryAllocateCapability budget in granted.OfType<MemoryAllocateCapability>())
        {
            total = total > ulong.MaxValue - budget.Bytes ? ulong.MaxValue : total + budget.Bytes;
        }
        return total;
    }
}
