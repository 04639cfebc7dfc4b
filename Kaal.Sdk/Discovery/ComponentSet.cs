using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Sdk.Discovery;

/// <summary>
/// The component binaries a tool knows, by binary name (ordinal order, so every listing and every table generated from
/// it is the same on every machine): what the manifest validator checks `binary` against and what the simulator runs.
/// Made by <see cref="ComponentDiscovery"/> from assemblies; two declarations of one binary are refused.
/// </summary>
public sealed class ComponentSet
{
    /// <summary>What the "unknown binary" error tells a user to do.</summary>
    public const string HowToAdd =
        "to add one, put [KaalComponent(\"NAME\", ComponentType.Service, \"1.0.0\")] on a Component subclass with a public parameterless constructor, " +
        "in an assembly the tool is given (--assembly PATH, or the project in the current folder); docs/components.md";

    private readonly SortedDictionary<string, DiscoveredComponent> _byBinary = new(StringComparer.Ordinal);
    private MessageLabelNames? _messageLabels;

    /// <exception cref="ComponentDeclarationException">two of <paramref name="components"/> declare the same binary.</exception>
    public ComponentSet(IEnumerable<DiscoveredComponent> components)
    {
        var problems = new List<string>();
        foreach (DiscoveredComponent component in components)
        {
            if (_byBinary.TryGetValue(component.Binary, out DiscoveredComponent? first))
                problems.Add($"binary '{component.Binary}' is declared twice: by {first.Source} and by {component.Source}");
            else
                _byBinary.Add(component.Binary, component);
        }
        if (problems.Count > 0) throw new ComponentDeclarationException(problems);
        Binaries = new SortedSet<string>(_byBinary.Keys, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<DiscoveredComponent> All => _byBinary.Values;

    public IReadOnlySet<string> Binaries { get; }

    /// <summary>Names of the SDK's message labels and those these components declare, for reports.</summary>
    public MessageLabelNames MessageLabels => _messageLabels ??= MessageLabelNames.For(_byBinary.Values);

    public DiscoveredComponent? Find(string binary) => _byBinary.TryGetValue(binary, out DiscoveredComponent? component) ? component : null;

    /// <summary>The components of <paramref name="binaries"/> that this set knows (the others are left out: a manifest
    /// checked against this set names none it lacks): what one system's image needs of everything discovered.</summary>
    public ComponentSet Only(IEnumerable<string> binaries) =>
        new(binaries.Distinct(StringComparer.Ordinal).Select(Find).OfType<DiscoveredComponent>());

    /// <summary>"a, b, c (declared in X, Y)", or that none is known.</summary>
    public string Describe()
    {
        if (_byBinary.Count == 0) return "no component binaries are known";
        IEnumerable<string> assemblies = _byBinary.Values.Select(component => component.Assembly).Distinct().OrderBy(name => name, StringComparer.Ordinal);
        return $"known: {string.Join(", ", _byBinary.Keys)} (declared in {string.Join(", ", assemblies)})";
    }
}
