using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Kaal.Sdk.Discovery;

namespace Kaal.Sim.Scenarios;

/// <summary>Finds scenarios by name: the built-in ones, the SimScenario classes of a user's assemblies (built with the
/// command line's parameters), or a whole system from a manifest and the components the caller discovered.</summary>
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

    /// <summary>A built-in scenario (<paramref name="assemblies"/> empty), one of the assemblies' (by its Name or its class
    /// name, built with <paramref name="parameters"/>: <see cref="ScenarioParameters"/>), or `system:PATH` (the system a
    /// components.toml describes, its binaries found in <paramref name="components"/>). What does not match says which
    /// scenarios exist and, for classes that could not be built, why.</summary>
    /// <exception cref="ArgumentException">no such scenario, or the manifest is missing or invalid.</exception>
    public static SimScenario Find(string name, IReadOnlyList<Assembly> assemblies, ComponentSet components,
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        parameters ??= new Dictionary<string, string>();
        if (assemblies.Count == 0 && parameters.Count > 0)
        {
            throw new ArgumentException($"--param applies to scenarios from --assembly; the built-in ones take none (built-in: {string.Join(", ", BuiltIn.Select(s => s.Name))})");
        }
        if (name.StartsWith(SystemScenario.NamePrefix, StringComparison.Ordinal)) return SystemScenario.FromFile(name.Substring(SystemScenario.NamePrefix.Length), components);
        if (assemblies.Count == 0)
        {
            SimScenario? builtIn = BuiltIn.FirstOrDefault(scenario => scenario.Name == name);
            return builtIn ?? throw new ArgumentException($"no scenario named '{name}'; known: {string.Join(", ", BuiltIn.Select(scenario => scenario.Name))} (a whole system: system:PATH-TO-MANIFEST)");
        }
        var known = new List<string>();
        var unbuilt = new List<string>();
        string where = string.Join(", ", assemblies.Select(assembly => assembly.GetName().Name));
        foreach (Type type in ScenarioTypes(assemblies))
        {
            SimScenario? scenario = ScenarioParameters.TryCreate(type, parameters, out string why);
            if (scenario is null)
            {
                if (type.Name == name || type.FullName == name) throw new ArgumentException($"scenario class {type.FullName} in {where} cannot be built: {why}");
                unbuilt.Add($"{type.Name} ({why})");
                continue;
            }
            if (scenario.Name == name || type.Name == name || type.FullName == name) return scenario;
            known.Add(scenario.Name);
        }
        throw new ArgumentException($"no scenario named '{name}' in {where}; known: {(known.Count == 0 ? "none" : string.Join(", ", known))}" +
            (unbuilt.Count == 0 ? "" : $"; not built with the parameters given: {string.Join("; ", unbuilt)}") +
            " (a whole system: system:PATH-TO-MANIFEST)");
    }

    /// <summary>A built-in scenario by name.</summary>
    public static SimScenario Find(string name) => Find(name, [], new ComponentSet([]));

    /// <summary>Every scenario of the assembly that can be built without parameters (a class that needs some is
    /// left out: <see cref="Find(string, IReadOnlyList{Assembly}, ComponentSet, IReadOnlyDictionary{string, string}?)"/>
    /// builds it with them).</summary>
    public static IReadOnlyList<SimScenario> FromAssembly(Assembly assembly)
    {
        var empty = new Dictionary<string, string>();
        var scenarios = new List<SimScenario>();
        foreach (Type type in ScenarioTypes([assembly]))
        {
            if (ScenarioParameters.TryCreate(type, empty, out _) is SimScenario scenario) scenarios.Add(scenario);
        }
        return scenarios;
    }

    private static IEnumerable<Type> ScenarioTypes(IReadOnlyList<Assembly> assemblies) =>
        assemblies.SelectMany(assembly => assembly.GetTypes())
            .Where(type => typeof(SimScenario).IsAssignableFrom(type) && !type.IsAbstract)
            .OrderBy(type => type.FullName, StringComparer.Ordinal);
}
