using System;
using System.Collections.Generic;
using Kaal.Model;
using Kaal.Sim.Faults;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The simulation's side of fault injection (docs/faults.md): at the points the run's <see cref="FaultPlan"/> makes
/// candidates, the strategy decides (a recorded alternative) whether a thread crashes, a retype finds its untyped
/// exhausted, an interrupt is held back or delivered twice, or the timer fires late. Also counts each component's
/// faults, injected or not, against what its supervisor recovers from.
/// </summary>
internal sealed class FaultInjector(SimState state, IAlternatives choices, StepRecorder? recorder)
{
    private FaultPlan? _plan;
    /// <summary>How often each component (by name: a restart is a new thread) faulted this run, injected or not.</summary>
    private readonly Dictionary<string, int> _faultsByComponent = new(StringComparer.Ordinal);

    /// <summary>Faults are on for this run.</summary>
    public bool IsOn => _plan is not null;

    /// <summary>A new run: its plan (none when faults are off) seeded with <paramref name="seed"/>.</summary>
    public void Begin(ulong seed)
    {
        _plan = state.Options.Faults is { IsNone: false } settings ? new FaultPlan(settings, seed) : null;
        _faultsByComponent.Clear();
    }

    public void BeginStep(int step) => _plan?.BeginStep(step);

    public void CountFault(string component) => _faultsByComponent[component] = FaultsOf(component) + 1;

    private int FaultsOf(string component) => _faultsByComponent.TryGetValue(component, out int faults) ? faults : 0;

    /// <summary>Whether the thread chosen for this step crashes instead: a candidate point, a supervised thread
    /// (an unsupervised crash ends every run; it says nothing about recovery) whose supervisor would recover from one
    /// more fault (<see cref="Scenarios.SimScenario.RecoverableFaults"/>), and the strategy says so. It then has the
    /// CPU, ready for the fault.</summary>
    public bool InjectsCrash(uint thread, int step)
    {
        if (_plan is null || !_plan.IsCandidate(FaultKinds.Crash)) return false;
        SimThread? sim = state.Threads[thread];
        if (sim is null || sim.Status != SimThreadStatus.PendingOperation || !IsSupervised(thread)) return false;
        if (FaultsOf(sim.Name) >= state.Scenario.RecoverableFaults(sim.Name)) return false;
        if (choices.ChooseAlternative(ChoiceKind.Crash, 2) != 1) return false;
        Kernel kernel = state.Kernel;
        int core = kernel.ThreadAt(thread).Core;
        if (kernel.Core(core).Current != thread) kernel.PreemptFor(core, thread);
        recorder?.Note(step, SimEventKind.Fault, sim, "crashes (injected fault)");
        return true;
    }

    /// <summary>Crashes are injected only into threads with a fault endpoint: what the system is built to recover from
    /// (an exhausted untyped is an error code any thread can handle, so it hits every thread).</summary>
    private bool IsSupervised(uint thread) => state.Kernel.ThreadAt(thread).FaultEndpointCptr != 0;

    /// <summary>Whether this syscall, one that retypes memory, finds its untyped exhausted instead.</summary>
    public bool ExhaustsRetype(Syscall number) => IsRetype(number) && _plan is not null && _plan.IsCandidate(FaultKinds.RetypeExhaustion)
        && choices.ChooseAlternative(ChoiceKind.RetypeExhaustion, 2) == 1;

    private static bool IsRetype(Syscall number) => number is Syscall.Retype or Syscall.MemoryAllocate or Syscall.ProcessCreate
        or Syscall.EndpointCreate or Syscall.NotificationCreate;

    public bool DelaysInterrupt() => _plan is not null && _plan.IsCandidate(FaultKinds.DelayInterrupt) && choices.ChooseAlternative(ChoiceKind.DelayInterrupt, 2) == 1;

    public bool DuplicatesInterrupt() => _plan is not null && _plan.IsCandidate(FaultKinds.DuplicateInterrupt) && choices.ChooseAlternative(ChoiceKind.DuplicateInterrupt, 2) == 1;

    /// <summary>How late the timer fires when time jumps to it.</summary>
    public ulong TimerJitterTicks() => _plan is not null && _plan.IsCandidate(FaultKinds.TimerJitter)
        ? (ulong)choices.ChooseAlternative(ChoiceKind.TimerJitter, FaultPlan.JitterAlternatives) * FaultPlan.JitterTicks
        : 0;
}
