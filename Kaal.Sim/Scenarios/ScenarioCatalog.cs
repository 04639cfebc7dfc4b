using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Kaal.Sim.Scenarios;

/// <summary>Finds scenarios by name: the built-in ones, or the SimScenario classes of a user's assembly,
/// built with the command line's parameters.</summary>
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

    /// <summary>A built-in scenario, one of the assembly's (by its Name or its class name, built with
    /// <paramref name="parameters"/>: <see cref="ScenarioParameters"/>), or `system:PATH` (the system a components.toml
    /// describes). What does not match says which scenarios exist and, for classes that could not be built, why.</summary>
    public static SimScenario Find(string name, string? assemblyPath = null, IReadOnlyDictionary<string, string>? parameters = null)
    {
        parameters ??= new Dictionary<string, string>();
        if (assemblyPath is null && parameters.Count > 0)
        {
            throw new ArgumentException($"--param applies to scenarios from --assembly; the built-in ones take none (built-in: {string.Join(", ", BuiltIn.Select(s => s.Name))})");
        }
        if (name.StartsWith(SystemScenario.NamePrefix, StringComparison.Ordinal)) return SystemScenario.FromFile(name.Substring(SystemScenario.NamePrefix.Length));
        if (assemblyPath is null)
        {
            SimScenario? builtIn = BuiltIn.FirstOrDefault(scenario => scenario.Name == name);
            return builtIn ?? throw new ArgumentException($"no scenario named '{name}'; known: {string.Join(", ", BuiltIn.Select(scenario => scenario.Name))}");
        }
        var known = new List<string>();
        var unbuilt = new List<string>();
        foreach (Type type in ScenarioTypes(assemblyPath))
        {
            SimScenario? scenario = ScenarioParameters.TryCreate(type, parameters, out string why);
            if (scenario is null)
            {
                if (type.Name == name || type.FullName == name) throw new ArgumentException($"scenario class {type.FullName} in {assemblyPath} cannot be built: {why}");
                unbuilt.Add($"{type.Name} ({why})");
                continue;
            }
            if (scenario.Name == name || type.Name == name || type.FullName == name) return scenario;
            known.Add(scenario.Name);
        }
        throw new ArgumentException($"no scenario named '{name}' in {assemblyPath}; known: {(known.Count == 0 ? "none" : string.Join(", ", known))}" +
            (unbuilt.Count == 0 ? "" : $"; not built with the parameters given: {string.Join("; ", unbuilt)}"));
    }

    /// <summary>Every scenario of the assembly that can be built without parameters (a class that needs some is
    /// left out: <see cref="Find"/> builds it with them).</summary>
    public static IReadOnlyList<SimScenario> FromAssembly(string path)
    {
        var empty = new Dictionary<string, string>();
        var scenarios = new List<SimScenario>();
        foreach (Type type in ScenarioTypes(path))
        {
            if (ScenarioParameters.TryCreate(type, empty, out _) is SimScenario scenario) scenarios.Add(scenario);
        }
        return scenarios;
    }

    private static IEnumerable<Type> ScenarioTypes(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"scenario assembly '{path}' does not exist");
        Assembly assembly = Assembly.LoadFrom(Path.GetFullPath(path));
        return assembly.GetTypes()
            .Where(type => typeof(SimScenario).IsAssignableFrom(type) && !type.IsAbstract)
            .OrderBy(type => type.FullName, StringComparer.Ordinal);
    }
}
