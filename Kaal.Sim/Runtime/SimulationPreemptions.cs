using System;

namespace Kaal.Sim.Runtime;

/// <summary>Which choices are preemptions, for strategies that bound them (<see cref="Strategies.IPreemptionAware"/>).</summary>
public sealed partial class Simulation
{
    /// <summary>
    /// For each enabled thread: whether running it preempts, that is, it is not on its core's CPU while the thread
    /// there is enabled too (choosing it makes <c>Kernel.PreemptFor</c> take the CPU from a thread that could go on).
    /// Choosing the thread on a CPU, or a ready thread of a core whose current thread cannot run, is no preemption.
    /// </summary>
    private ReadOnlySpan<bool> Preemptions(int count)
    {
        ReadOnlySpan<uint> enabled = _enabled.AsSpan(0, count);
        for (int index = 0; index < count; index++)
        {
            uint thread = enabled[index];
            uint current = _kernel.Core(_kernel.ThreadAt(thread).Core).Current;
            _preempts[index] = current != thread && enabled.IndexOf(current) >= 0;
        }
        return _preempts.AsSpan(0, count);
    }
}
