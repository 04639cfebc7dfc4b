using Kaal.Tests.Shared;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Manifest;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>Boots a system (the repository's components.toml, or an edited copy of it) for one seeded schedule.</summary>
public static class SystemRun
{
    public static string RepositoryManifestText => File.ReadAllText(Path.Combine(RepositoryRoot(), "components.toml"));

    /// <summary>The repository's components, discovered as the tools discover a user's: the simulator has none of its own.</summary>
    public static ComponentSet Components { get; } = ComponentDiscovery.FromAssemblies(typeof(Kaal.Components.Supervision.SystemInit).Assembly);

    public static SystemScenario Scenario(string manifestText, string name = "test.toml")
    {
        (SystemManifest manifest, IReadOnlyList<ManifestProblem> problems) = ManifestChecker.Check(manifestText, name, Components);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        return new SystemScenario(manifest, SystemScenario.NamePrefix + name, Components);
    }

    /// <summary>The system of the repository's manifests/<paramref name="name"/>.toml.</summary>
    public static SystemScenario RepositoryManifest(string name) =>
        Scenario(File.ReadAllText(Path.Combine(RepositoryRoot(), "manifests", name + ".toml")), name + ".toml");

    /// <summary>One schedule of <paramref name="scenario"/>; its result, the console lines and the simulation.</summary>
    public static (RunResult Result, List<string> Lines, Simulation Simulation) Run(SystemScenario scenario, ulong seed, bool checkInvariants = true)
    {
        var lines = new List<string>();
        var simulation = new Simulation(scenario, new SimOptions(100_000, checkInvariants)) { ConsoleLine = lines.Add };
        var strategy = new RandomStrategy();
        strategy.BeginSchedule(0, DeterministicRandom.ScheduleSeed(seed, 0));
        RunResult result = simulation.Run(strategy);
        return (result, lines, simulation);
    }

    public static string Describe(RunResult result, IEnumerable<string> lines) =>
        $"{result.Outcome}: {result.Message}{Environment.NewLine}{result.Report}{string.Join(Environment.NewLine, lines)}";

    /// <summary>The manifest with every occurrence of <paramref name="from"/> replaced (after checking it occurs).</summary>
    public static string Edit(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    public static string RepositoryRoot() => RepositoryPaths.Root;

    /// <summary>The sel4test-style lines of component <paramref name="component"/>, with its console prefix removed.</summary>
    public static List<string> LinesOf(IEnumerable<string> lines, string component) =>
        lines.Where(line => line.StartsWith($"[{component}] ", StringComparison.Ordinal)).Select(line => line.Substring(component.Length + 3)).ToList();
}
