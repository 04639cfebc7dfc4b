using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Microsoft.Coyote.SystematicTesting;

namespace Kaal.Sim.Coyote.Tests;

/// <summary>
/// Test methods for Coyote's own command-line tool (docs/simulator.md, "Coyote as a second engine"):
/// <c>coyote test Kaal.Sim.Coyote.Tests.dll -m StaleFull -i 500 --strategy probabilistic</c>, then
/// <c>coyote replay Kaal.Sim.Coyote.Tests.dll -m StaleFull PATH.trace</c>. On a bug each writes the KaaL trace
/// named here in the current folder, which <c>kaal replay</c> replays. One instance per test method keeps its
/// simulation across Coyote's iterations.
/// </summary>
public static class CoyoteToolEntryPoints
{
    private static readonly CoyoteScenarioTest StaleFullTest =
        new(new SpscChannelScenario(staleFullCheck: true), new SimOptions(CheckInvariants: false), tracePath: "stale-full.kaal-trace.json");

    private static readonly CoyoteScenarioTest MissingReleaseTest =
        new(new SpscChannelScenario(staleFullCheck: false, cores: 2, missingRelease: true), new SimOptions(CheckInvariants: false), tracePath: "missing-release.kaal-trace.json");

    [Test]
    public static void StaleFull() => StaleFullTest.RunIteration();

    [Test]
    public static void MissingRelease() => MissingReleaseTest.RunIteration();
}
