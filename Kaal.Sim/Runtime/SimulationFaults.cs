using System;
using Kaal.Model;
using Kaal.Sim.Faults;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime;

/// <summary>The simulation's side of fault injection and liveness (docs/faults.md).</summary>
public sealed partial class Simulation
{
    /// <summary>Whether the thread chosen for this step crashes instead: a candidate point, a supervised thread
    /// (an unsupervised crash ends every run; it says nothing about recovery) whose supervisor would recover from one
    /// more fault (<see cref="Scenarios.SimScenario.RecoverableFaults"/>), and the strategy says so.</summary>
    private bool InjectCrash(uint thread, int step)
    {
        if (_faults is null || !_faults.IsCandidate(FaultKinds.Crash)) return false;
        SimThread? sim = _threadByModel[thread];
        if (sim is null || sim.Status != SimThreadStatus.PendingOperation || !IsSupervised(thread)) return false;
        if (FaultsOf(sim.Name) >= _scenario.RecoverableFaults(sim.Name)) return false;
        if (ChooseAlternative(ChoiceKind.Crash, 2) != 1) return false;
        int core = _kernel.ThreadAt(thread).Core;
        if (_kernel.Core(core).Current != thread) _kernel.PreemptFor(core, thread);
        if (_log is not null) Note(step, SimEventKind.Fault, sim, "crashes (injected fault)");
        return true;
    }

    private int FaultsOf(string component) => _faultsByComponent.TryGetValue(component, out int faults) ? faults : 0;

    /// <summary>Crashes are injected only into threads with a fault endpoint: what the system is built to recover from
    /// (an exhausted untyped is an error code any thread can handle, so it hits every thread).</summary>
    private bool IsSupervised(uint thread) => _kernel.ThreadAt(thread).FaultEndpointCptr != 0;

    /// <summary>
    /// Coyote's unfair and fair phases: once a liveness monitor has been hot for half its threshold, the schedule
    /// becomes fair (the thread that waited longest runs), so a violation reported later is the program's own
    /// starvation (priorities, spinning), not the explorer's. The override is a function of the state, so a replay,
    /// which passes through it too, makes the same choice.
    /// </summary>
    private bool MustBeFair(int step) =>
        _liveness.AnyHot && _liveness.Hottest(step, _options.Faults?.HealAfterSteps ?? 0).Steps > _options.LivenessThresholdSteps / 2;

    /// <summary>The enabled thread that ran least recently (never before counts as oldest; ties: lower thread index).</summary>
    private int FairChoice(int count)
    {
        int best = 0;
        for (int index = 1; index < count; index++)
        {
            if (_lastRunStep[_enabled[index]] < _lastRunStep[_enabled[best]]) best = index;
        }
        return best;
    }

    private static bool IsRetype(Syscall number) => number is Syscall.Retype or Syscall.MemoryAllocate or Syscall.ProcessCreate
        or Syscall.EndpointCreate or Syscall.NotificationCreate;

    /// <summary>What the components marked during the step: liveness monitors (a transition is an event) and object names.</summary>
    private void CollectMarks(int step)
    {
        foreach (SimThread thread in _threads)
        {
            if (thread.ObjectNames.Count > 0) CollectObjectNames(thread);
            if (thread.LivenessMarks.Count == 0) continue;
            foreach ((string monitor, bool hot) in thread.LivenessMarks)
            {
                if (_liveness.Observe(monitor, hot, step, thread.Name) && _log is not null)
                {
                    Note(step, hot ? SimEventKind.Hot : SimEventKind.Cold, thread, $"monitor '{monitor}' {(hot ? "hot" : "cold")}");
                }
            }
            thread.LivenessMarks.Clear();
        }
    }

    private void CollectObjectNames(SimThread thread)
    {
        foreach ((ulong cptr, string name) in thread.ObjectNames)
        {
            ObjectRef target = ObjectAt(thread, cptr);
            if (!target.IsNone) _labels[target.Index] = name;
        }
        thread.ObjectNames.Clear();
    }

    /// <summary>A normal end, unless a liveness monitor is still hot (the progress it waited for never came) or the
    /// system shut down saying it failed (an exit code other than the scenario's expected one, 0 unless its manifest
    /// says: the shutdown step is the cause). Under injected faults a non-zero exit code is how a system reports the
    /// faults it was given, not a bug by itself (docs/faults.md).</summary>
    private RunResult FinishLive(int step, string message)
    {
        CollectMarks(step);
        if (_liveness.AnyHot) return LivenessViolation(step, $"was still hot when the run ended ({message})", ended: true);
        ulong expected = _scenario.ExpectedExitCode;
        if (!_machineState.ShutDown || _machineState.ExitCode == expected || _faults is not null) return Finish(RunOutcome.Passed, step, message, "");
        string failed = expected == 0
            ? $"the system shut down with exit code {_machineState.ExitCode}"
            : $"the system shut down with exit code {_machineState.ExitCode} (its manifest expects {expected})";
        return Finish(RunOutcome.SystemFailed, step, failed, "", new RunCause(System.Math.Max(0, step - 1), "", "", failed));
    }

    /// <summary>The monitor hot longest, the step it went hot and who marked it, and the lasso (none when the run
    /// ended: it did not go round in a cycle, the monitor's progress simply never came).</summary>
    private RunResult LivenessViolation(int step, string why, bool ended = false)
    {
        (string monitor, int hotSteps) = _liveness.Hottest(step, _options.Faults?.HealAfterSteps ?? 0);
        (int since, string component) = _liveness.HotSince(monitor);
        string hot = $"  monitor '{monitor}' went hot at step {since}{(component.Length > 0 ? $" ({component})" : "")} and was never cold again" + Environment.NewLine;
        string stayed = $"{why}, hot for {hotSteps} steps";
        return Finish(RunOutcome.LivenessViolation, step, $"liveness: monitor '{monitor}' {stayed}", hot + (ended ? "" : _liveness.Lasso()),
            new RunCause(since, component, monitor, stayed));
    }

    /// <summary>What the state is before a step, for finding the lasso: the kernel's state and what every live
    /// thread will do next (coroutine locals are not seen, so this is an approximation; docs/faults.md).</summary>
    private ulong Fingerprint()
    {
        ulong hash = _kernel.StateHash();
        foreach (SimThread thread in _threads)
        {
            if (!IsAlive(thread)) continue;
            ref PendingOperation op = ref thread.Pending;
            hash = StateHashing.Mix(hash, thread.ModelThread | (ulong)thread.Status << 32 | (ulong)op.Kind << 40);
            hash = StateHashing.Mix(hash, (ulong)op.Number ^ op.VirtAddr ^ op.A0 * 31 ^ op.Value * 17);
        }
        return hash;
    }

    private string Describe(uint thread)
    {
        SimThread? sim = _threadByModel[thread];
        if (sim is null) return $"thread {thread}";
        ref PendingOperation op = ref sim.Pending;
        if (sim.Status != SimThreadStatus.PendingOperation) return $"{sim.Name} {sim.Status.ToString().ToLowerInvariant()}";
        return op.Kind switch
        {
            OperationKind.Syscall => $"{sim.Name} {op.Number}({op.A0})",
            OperationKind.Load => $"{sim.Name} load [0x{op.VirtAddr:X}]",
            OperationKind.Store => $"{sim.Name} store [0x{op.VirtAddr:X}] = {op.Value}",
            _ => $"{sim.Name} {op.Kind}",
        };
    }
}
