using System;
using Kaal.Model;
using Kaal.Sim.Runtime.WeakMemory;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The threads a strategy chooses among at a scheduling point, and what strategies that reduce or bound the search
/// are told about them: each one's footprint (<see cref="IDependencyAware"/>) and whether choosing it preempts
/// (<see cref="IPreemptionAware"/>). Buffers are reused: nothing is allocated per step.
/// </summary>
internal sealed class EnabledThreads(SimState state, WeakMemoryRun weak)
{
    private readonly uint[] _enabled = new uint[64];
    private readonly Footprint[] _footprints = new Footprint[64];
    private readonly bool[] _preempts = new bool[64];

    /// <summary>The Model threads of the last <see cref="Collect"/>, ascending.</summary>
    public ReadOnlySpan<uint> Span(int count) => _enabled.AsSpan(0, count);

    /// <summary>
    /// Enabled: on each core, the running thread and every thread ready at its priority (the explorer may
    /// preempt the one for the other); nothing of lower priority. Ascending Model thread order.
    /// </summary>
    public int Collect(out int running)
    {
        Kernel kernel = state.Kernel;
        int count = 0;
        uint runningThread = Model.ThreadEntry.None;
        for (int core = 0; core < kernel.CoreCount; core++)
        {
            ref readonly CoreState coreState = ref kernel.Core(core);
            if (coreState.Current == coreState.Idle) continue;
            SimThread? current = state.Threads.For(coreState.Current);
            if (current is not null && current.Status is SimThreadStatus.PendingOperation or SimThreadStatus.NotStarted)
            {
                Add(ref count, coreState.Current);
                if (runningThread == Model.ThreadEntry.None) runningThread = coreState.Current;
            }
            uint ready = kernel.ReadyQueueHead(core, kernel.ThreadAt(coreState.Current).Priority);
            for (int guard = 0; ready != Model.ThreadEntry.None && guard < _enabled.Length; guard++)
            {
                SimThread? candidate = state.Threads.For(ready);
                if (candidate is not null && candidate.Status is not (SimThreadStatus.Finished or SimThreadStatus.Failed or SimThreadStatus.Faulted))
                {
                    Add(ref count, ready);
                }
                ready = kernel.ThreadAt(ready).ReadyNext;
            }
        }
        running = runningThread == Model.ThreadEntry.None ? -1 : Array.IndexOf(_enabled, runningThread, 0, count);
        return count;
    }

    private void Add(ref int count, uint thread)
    {
        int position = count;
        while (position > 0 && _enabled[position - 1] > thread)
        {
            _enabled[position] = _enabled[position - 1];
            position--;
        }
        _enabled[position] = thread;
        count++;
    }

    /// <summary>
    /// What each enabled thread's next step touches, for strategies that skip orders of independent steps
    /// (only computed for an <see cref="IDependencyAware"/> strategy). A memory access is keyed by the
    /// physical word it will touch (two address spaces may map one frame); one that will fault, a barrier, and
    /// every syscall, is Global; starting or resuming a component's code is Local. Under the ARMv8 model every
    /// access is Global: two stores to different words do not commute there (their order decides which views
    /// include which), so the search does not reduce.
    /// </summary>
    public ReadOnlySpan<Footprint> Footprints(int count)
    {
        for (int index = 0; index < count; index++)
        {
            SimThread sim = state.Threads[_enabled[index]]!;
            ref PendingOperation op = ref sim.Pending;
            var kind = FootprintKind.Global;
            ulong physAddr = 0;
            if (sim.Status != SimThreadStatus.PendingOperation)
            {
                kind = FootprintKind.Local;
            }
            else if (op.Kind is OperationKind.Load or OperationKind.Store && weak.Memory is null)
            {
                bool isStore = op.Kind == OperationKind.Store;
                if ((op.VirtAddr & 7) == 0 && state.Kernel.TranslateUserAddress(sim.ModelThread, op.VirtAddr, isStore ? VmRights.Write : VmRights.Read, out physAddr))
                {
                    kind = isStore ? FootprintKind.Write : FootprintKind.Read;
                }
            }
            _footprints[index] = new Footprint(kind, kind == FootprintKind.Global ? 0 : physAddr, sim.Progress);
        }
        return _footprints.AsSpan(0, count);
    }

    /// <summary>
    /// For each enabled thread: whether running it preempts, that is, it is not on its core's CPU while the thread
    /// there is enabled too (choosing it makes <c>Kernel.PreemptFor</c> take the CPU from a thread that could go on).
    /// Choosing the thread on a CPU, or a ready thread of a core whose current thread cannot run, is no preemption.
    /// </summary>
    public ReadOnlySpan<bool> Preemptions(int count)
    {
        ReadOnlySpan<uint> enabled = _enabled.AsSpan(0, count);
        for (int index = 0; index < count; index++)
        {
            uint thread = enabled[index];
            uint current = state.Kernel.Core(state.Kernel.ThreadAt(thread).Core).Current;
            _preempts[index] = current != thread && enabled.IndexOf(current) >= 0;
        }
        return _preempts.AsSpan(0, count);
    }
}
