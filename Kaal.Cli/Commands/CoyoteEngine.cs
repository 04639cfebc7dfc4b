using System;
using System.Collections.Generic;
using System.IO;
using Kaal.Sim.Coyote;
using Kaal.Sim.Exploration;
using Kaal.Sim.Scenarios;

namespace Kaal.Cli.Commands;

/// <summary>`kaal explore --engine coyote`: the same scenario and settings explored by Microsoft Coyote's TestingEngine
/// (Kaal.Sim.Coyote). A bug is written as a KaaL trace like the explorer's, and Coyote's own trace of it beside it.</summary>
internal static class CoyoteEngine
{
    public static (ExploreResult Result, string? CoyoteTrace) Explore(SimScenario scenario, ExploreSettings settings, IReadOnlyDictionary<string, string> parameters)
    {
        Console.WriteLine("engine: Microsoft Coyote's TestingEngine, in-process: every kernel thread a Coyote operation, every other choice a Coyote integer choice; " +
            $"strategies: {CoyoteStrategies.Valid}");
        CoyoteExploreResult found = CoyoteExplorer.Explore(scenario, settings, ScenarioParameters.Format(parameters));
        return (found.Result, found.CoyoteTrace);
    }

    /// <summary>Coyote's reproducible trace of the bug whose KaaL trace is <paramref name="kaalTracePath"/>, beside it.</summary>
    public static void WriteCoyoteTrace(string kaalTracePath, string coyoteTrace)
    {
        string path = Path.ChangeExtension(kaalTracePath, ".coyote.trace");
        File.WriteAllText(path, coyoteTrace);
        Console.WriteLine($"coyote trace: {Path.GetFullPath(path)} (CoyoteExplorer.Replay, or coyote replay with a [Test] method: docs/simulator.md)");
    }
}
