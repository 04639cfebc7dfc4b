using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Kaal.Sdk.Discovery;

namespace Kaal.Sim.Scenarios;

/// <summary>Finds scenarios by name: the built-in ones, the SimScenario types (with a parameterless constructor) of a
/// user's assemblies, or a whole system from a manifest and the components the caller discovered.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<SimScenario> BuiltIn { get; } = new SimScenario[]
    {
        new SpscChannelScenario(staleFullCheck: false),
        new SpscChannelScenario(staleFullCheck: true),
        new SpscChannelScenario(staleFullCheck: false, itemCount: 2),
        new SpscChannelScenario(staleFullCheck: true, itemCount: 4),
        new SpscChannelScenario(staleFullCheck: false, cores: 2),
        new SpscChannelScenario(staleFullCheck: false, cores: 2, missingRelease: true),
        new PollSpinScenario(blockingWait: false),
        new PollSpinScenario(blockingWait: true),
    };

    /// <summary>A built-in scenario (<paramref name="assemblies"/> empty), one of the assemblies' scenarios, or
    /// `system:PATH` (the system a components.toml describes, its binaries found in <paramref name="components"/>).</summary>
    /// <exception cref="ArgumentException">no such scenario, or the manifest is missing or invalid.</exception>
    public static SimScenario Find(string name, IReadOnlyList<Assembly> assemblies, ComponentSet components)
    {
        if (name.StartsWith(SystemScenario.NamePrefix, StringComparison.Ordinal)) return SystemScenario.FromFile(name.Substring(SystemScenario.NamePrefix.Length), components);
        IReadOnlyList<SimScenario> candidates = assemblies.Count == 0 ? BuiltIn : assemblies.SelectMany(FromAssembly).ToArray();
        SimScenario? match = candidates.FirstOrDefault(scenario => scenario.Name == name);
        if (match is not null) return match;
        string known = string.Join(", ", candidates.Select(scenario => scenario.Name));
        string where = assemblies.Count == 0 ? "" : $" in {string.Join(", ", assemblies.Select(assembly => assembly.GetName().Name))}";
        throw new ArgumentException($"no scenario named '{name}'{where}; known: {known} (a whole system: system:PATH-TO-MANIFEST)");
    }

    /// <summary>A built-in scenario by name.</summary>
    public static SimScenario Find(string name) => Find(name, [], new ComponentSet([]));

    public static IReadOnlyList<SimScenario> FromAssembly(Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => typeof(SimScenario).IsAssignableFrom(type) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (SimScenario)Activator.CreateInstance(type)!)
            .ToArray();
}
