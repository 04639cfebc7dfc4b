using System;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>A fault spec says which of its kinds apply to the scenario, and one that can inject nothing is refused
/// instead of running only fault-free schedules.</summary>
public sealed class FaultApplicabilityTests
{
    [Fact]
    public void A_spec_that_can_inject_nothing_is_refused_with_what_each_kind_needs()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FaultApplicability.Check(new SpscChannelScenario(staleFullCheck: false), new SimOptions(), FaultSettings.Parse("swarm")));
        Assert.Contains("--faults swarm: no fault kind it injects applies to scenario spsc-channel", error.Message);
        Assert.Contains("crash (needs a component with a fault endpoint (WorldBuilder.SetFaultEndpoint))", error.Message);
        Assert.Contains("retype-exhaustion (needs a component that retypes memory while it runs)", error.Message);
        Assert.Throws<ArgumentException>(() =>
            FaultApplicability.Check(new SpscChannelScenario(staleFullCheck: false), new SimOptions(), FaultSettings.Parse("crash:5")));
    }

    [Fact]
    public void The_kinds_that_apply_are_named()
    {
        SystemScenario system = SystemRun.Scenario(SystemRun.RepositoryManifestText, "components.toml");
        string line = FaultApplicability.Check(system, new SimOptions(100_000, CheckInvariants: false), FaultSettings.Parse("crash:50,retype-exhaustion:9"));
        Assert.StartsWith("faults that apply: crash", line);
        Assert.Equal(FaultKinds.Crash | FaultKinds.RetypeExhaustion, FaultApplicability.Requested(FaultSettings.Parse("crash:50,retype-exhaustion:9")));
        Assert.Equal(FaultKinds.DelayInterrupt | FaultKinds.DuplicateInterrupt | FaultKinds.TimerJitter,
            FaultApplicability.Requested(FaultSettings.Parse("swarm:-crash,-retype-exhaustion")));
    }
}
