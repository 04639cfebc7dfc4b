using System;
using System.Collections.Generic;
using System.IO;
using Kaal.Sdk.Discovery;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Cli.Commands;

/// <summary>
/// How the CLI boots a whole system in the simulator: one schedule of a seeded random strategy, so the same seed
/// gives the same run. `kaal run` prints it; `kaal diff` and `kaal hil run` compare QEMU's console with it, and
/// must see exactly the run `kaal run` shows.
/// </summary>
internal static class SystemSimulation
{
    public const string StrategyName = "random";
    public const int DefaultMaxSteps = 200_000;

    /// <exception cref="ArgumentException">the manifest does not exist, cannot be read (a directory, ...) or is invalid
    /// (every problem in the message).</exception>
    public static SystemScenario Load(string manifestPath, ComponentSet components) =>
        File.Exists(manifestPath) || Directory.Exists(manifestPath) ? SystemScenario.FromFile(manifestPath, components) : throw new ArgumentException($"manifest '{manifestPath}' does not exist");

    /// <summary>Runs the system to its end, handing each console line to <paramref name="consoleLine"/> as it is printed.</summary>
    /// <exception cref="SimulationException">the system could not be set up (the root task failed).</exception>
    public static SystemRun Run(SystemScenario scenario, ulong seed, SimOptions options, Action<string> consoleLine)
    {
        var lines = new List<string>();
        var simulation = new Simulation(scenario, options)
        {
            ConsoleLine = line =>
            {
                lines.Add(line);
                consoleLine(line);
            },
        };
        IStrategy strategy = StrategyFactory.Create(StrategyName);
        ulong scheduleSeed = DeterministicRandom.ScheduleSeed(seed, 0);
        strategy.BeginSchedule(0, scheduleSeed);
        RunResult result = simulation.Run(strategy, scheduleSeed);
        return new SystemRun(simulation, result, scheduleSeed, lines);
    }

    /// <summary>With `kaal run`'s defaults (invariants checked, no faults) and nothing printed.</summary>
    public static SystemRun RunQuietly(string manifestPath, ulong seed, ComponentSet components) =>
        Run(Load(manifestPath, components), seed, new SimOptions(DefaultMaxSteps, CheckInvariants: true), _ => { });
}
