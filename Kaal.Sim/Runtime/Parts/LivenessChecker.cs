using System;
using Kaal.Model;
using Kaal.Sim.Liveness;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The simulation's side of liveness (docs/faults.md): the monitors components mark hot and cold, the steps taken
/// while one is hot (each records a state fingerprint for the lasso), the fair phase, and the violation when a
/// monitor stays hot past its threshold or at the end of the run.
/// </summary>
internal sealed class LivenessChecker(SimState state, StepRecorder? recorder)
{
    private readonly LivenessTracker _tracker = new();
    /// <summary>When each Model thread last performed a step (for the fair phase).</summary>
    private int[] _lastRunStep = Array.Empty<int>();

    /// <summary>Steps taken this run while a monitor was hot.</summary>
    public int HotSteps { get; private set; }

    public bool AnyHot => _tracker.AnyHot;

    private int HealAfterSteps => state.Options.Faults?.HealAfterSteps ?? 0;

    private int ThresholdSteps => state.Options.LivenessThresholdSteps;

    public void Attach(int threadCapacity) => _lastRunStep = new int[threadCapacity];

    public void Reset()
    {
        _tracker.Reset();
        HotSteps = 0;
        Array.Fill(_lastRunStep, -1);
    }

    /// <summary>The chosen thread runs at <paramref name="step"/>; while a monitor is hot the state before it is
    /// recorded for the lasso.</summary>
    public void Ran(uint thread, int step)
    {
        _lastRunStep[thread] = step;
        if (!_tracker.AnyHot) return;
        HotSteps++;
        _tracker.Record(Fingerprint(), step, Describe(thread));
    }

    /// <summary>
    /// Coyote's unfair and fair phases: once a liveness monitor has been hot for half its threshold, the schedule
    /// becomes fair (the thread that waited longest runs), so a violation reported later is the program's own
    /// starvation (priorities, spinning), not the explorer's. The override is a function of the state, so a replay,
    /// which passes through it too, makes the same choice.
    /// </summary>
    public bool MustBeFair(int step) => _tracker.AnyHot && _tracker.Hottest(step, HealAfterSteps).Steps > ThresholdSteps / 2;

    /// <summary>The enabled thread that ran least recently (never before counts as oldest; ties: lower thread index).</summary>
    public int FairChoice(ReadOnlySpan<uint> enabled)
    {
        int best = 0;
        for (int index = 1; index < enabled.Length; index++)
        {
            if (_lastRunStep[enabled[index]] < _lastRunStep[enabled[best]]) best = index;
        }
        return best;
    }

    /// <summary>The monitor transitions a component marked during the step (each is an event).</summary>
    public void Collect(SimThread thread, int step)
    {
        if (thread.LivenessMarks.Count == 0) return;
        foreach ((string monitor, bool hot) in thread.LivenessMarks)
        {
            if (_tracker.Observe(monitor, hot, step, thread.Name))
            {
                recorder?.Note(step, hot ? SimEventKind.Hot : SimEventKind.Cold, thread, $"monitor '{monitor}' {(hot ? "hot" : "cold")}");
            }
        }
        thread.LivenessMarks.Clear();
    }

    /// <summary>Whether a monitor has been hot longer than its threshold allows by <paramref name="step"/>.</summary>
    public bool ThresholdExceeded(int step)
    {
        (string _, int hotSteps) = _tracker.Hottest(step, HealAfterSteps);
        return _tracker.AnyHot && hotSteps > ThresholdSteps;
    }

    /// <summary>The monitor hot longest, the step it went hot and who marked it, and the lasso (none when the run
    /// ended: it did not go round in a cycle, the monitor's progress simply never came).</summary>
    public (string Message, string Report, RunCause Cause) Violation(int step, string why, bool ended)
    {
        (string monitor, int hotSteps) = _tracker.Hottest(step, HealAfterSteps);
        (int since, string component) = _tracker.HotSince(monitor);
        string hot = $"  monitor '{monitor}' went hot at step {since}{(component.Length > 0 ? $" ({component})" : "")} and was never cold again" + Environment.NewLine;
        string stayed = $"{why}, hot for {hotSteps} steps";
        return ($"liveness: monitor '{monitor}' {stayed}", hot + (ended ? "" : _tracker.Lasso()), new RunCause(since, component, monitor, stayed));
    }

    /// <summary>What the state is before a step, for finding the lasso: the kernel's state and what every live
    /// thread will do next (coroutine locals are not seen, so this is an approximation; docs/faults.md).</summary>
    private ulong Fingerprint()
    {
        ulong hash = state.Kernel.StateHash();
        foreach (SimThread thread in state.Threads.All)
        {
            if (!state.Threads.IsAlive(thread)) continue;
            ref PendingOperation op = ref thread.Pending;
            hash = StateHashing.Mix(hash, thread.ModelThread | (ulong)thread.Status << 32 | (ulong)op.Kind << 40);
            hash = StateHashing.Mix(hash, (ulong)op.Number ^ op.VirtAddr ^ op.A0 * 31 ^ op.Value * 17);
        }
        return hash;
    }

    private string Describe(uint thread)
    {
        SimThread? sim = state.Threads[thread];
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
