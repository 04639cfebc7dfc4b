using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Kaal.Sim.Scenarios;

/// <summary>Finds scenarios by name: the built-in ones, or the SimScenario types (with a parameterless
/// constructor) of a user's assembly.</summary>
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

    /// <summary>A built-in scenario, one of the assembly's, or `system:PATH` (the system a components.toml describes).</summary>
    public static SimScenario Find(string name, string? assemblyPath = null)
    {
        if (name.StartsWith(SystemScenario.NamePrefix, StringComparison.Ordinal)) return SystemScenario.FromFile(name.Substring(SystemScenario.NamePrefix.Length));
        IReadOnlyList<SimScenario> candidates = assemblyPath is null ? BuiltIn : FromAssembly(assemblyPath);
        SimScenario? match = candidates.FirstOrDefault(scenario => scenario.Name == name);
        if (match is not null) return match;
        string known = string.Join(", ", candidates.Select(scenario => scenario.Name));
        throw new ArgumentException($"no scenario named '{name}'{(assemblyPath is null ? "" : $" in {assemblyPath}")}; known: {known}");
    }

    public static IReadOnlyList<SimScenario> FromAssembly(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"scenario assembly '{path}' does not exist");
        Assembly assembly = Assembly.LoadFrom(Path.GetFullPath(path));
        return assembly.GetTypes()
            .Where(type => typeof(SimScenario).IsAssignableFrom(type) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (SimScenario)Activator.CreateInstance(type)!)
            .ToArray();
    }
}
