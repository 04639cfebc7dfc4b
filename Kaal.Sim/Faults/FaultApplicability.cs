using System;
using System.Collections.Generic;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Faults;

/// <summary>
/// Which fault kinds can happen in a scenario at all, found by a probe: one schedule without preemptions in which
/// every step is a candidate point of every kind and the probe declines every fault, noting which kinds the
/// simulation offered (a crash needs a thread with a fault endpoint, the interrupt kinds need devices that
/// interrupt, retype exhaustion a component that retypes memory while it runs). A spec none of whose kinds is
/// offered would run exactly the fault-free schedules; <see cref="Check"/> refuses it.
/// </summary>
public static class FaultApplicability
{
    private static readonly (FaultKinds Kind, ChoiceKind Choice, string Needs)[] Kinds =
    {
        (FaultKinds.Crash, ChoiceKind.Crash, "a component with a fault endpoint (WorldBuilder.SetFaultEndpoint)"),
        (FaultKinds.DelayInterrupt, ChoiceKind.DelayInterrupt, "a device that raises interrupts (SimConfig WithDevices and a driver)"),
        (FaultKinds.DuplicateInterrupt, ChoiceKind.DuplicateInterrupt, "a device that raises interrupts (SimConfig WithDevices and a driver)"),
        (FaultKinds.TimerJitter, ChoiceKind.TimerJitter, "a component that arms the timer"),
        (FaultKinds.RetypeExhaustion, ChoiceKind.RetypeExhaustion, "a component that retypes memory while it runs"),
    };

    /// <summary>The kinds a spec may inject: the ones it names, and in swarm mode every kind it does not leave out.</summary>
    public static FaultKinds Requested(FaultSettings settings)
    {
        FaultKinds requested = settings.Swarm ? FaultSettings.AllKindsMask & ~settings.SwarmExcluded : FaultKinds.None;
        foreach (FaultKinds kind in settings.OneIn.Keys) requested |= kind;
        return requested;
    }

    /// <summary>The kinds the probe schedule offered.</summary>
    public static FaultKinds Probe(SimScenario scenario, SimOptions options)
    {
        var always = new SortedDictionary<FaultKinds, int>();
        foreach (FaultKinds kind in FaultSettings.AllKinds) always[kind] = 1;
        var probe = new ProbeStrategy();
        new Simulation(scenario, options with { Faults = new FaultSettings(always, false, 0), CheckInvariants = false }).Run(probe);
        FaultKinds offered = FaultKinds.None;
        foreach ((FaultKinds kind, ChoiceKind choice, _) in Kinds)
        {
            if (probe.Asked.Contains(choice)) offered |= kind;
        }
        return offered;
    }

    /// <summary>
    /// One line saying which of the spec's kinds apply to the scenario and why the others do not; throws
    /// <see cref="ArgumentException"/> when none does (nothing would be injected).
    /// </summary>
    public static string Check(SimScenario scenario, SimOptions options, FaultSettings settings)
    {
        FaultKinds requested = Requested(settings);
        FaultKinds offered = Probe(scenario, options);
        var applies = new List<string>();
        var not = new List<string>();
        foreach ((FaultKinds kind, _, string needs) in Kinds)
        {
            if ((requested & kind) == 0) continue;
            if ((offered & kind) != 0) applies.Add(FaultSettings.NameOf(kind));
            else not.Add($"{FaultSettings.NameOf(kind)} (needs {needs})");
        }
        if (applies.Count == 0)
        {
            throw new ArgumentException($"--faults {settings.Spec}: no fault kind it injects applies to scenario {scenario.Name}, so it would run only fault-free schedules: {string.Join("; ", not)}");
        }
        return $"faults that apply: {string.Join(", ", applies)}" + (not.Count == 0 ? "" : $"; never offered here: {string.Join("; ", not)}");
    }

    /// <summary>Runs without preemption, declines every fault, and notes which kinds of choice were asked.</summary>
    private sealed class ProbeStrategy : IStrategy
    {
        public HashSet<ChoiceKind> Asked { get; } = new();

        public string Name => "fault-probe";

        public bool BeginSchedule(int iteration, ulong seed) => true;

        public int Choose(ReadOnlySpan<uint> enabled, int running, int step) => running >= 0 ? running : 0;

        public int ChooseAlternative(ChoiceKind kind, int count, int step)
        {
            Asked.Add(kind);
            return 0;
        }
    }
}
