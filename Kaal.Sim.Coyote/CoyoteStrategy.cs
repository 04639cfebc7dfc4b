using System;
using Kaal.Sim.Strategies;
using Microsoft.Coyote.Random;
using Microsoft.Coyote.Runtime;

namespace Kaal.Sim.Coyote;

/// <summary>
/// The simulator's <see cref="IStrategy"/> answered by Coyote inside one Coyote test iteration: which thread runs is a
/// Coyote scheduling decision among the kernel threads' operations (<see cref="KernelThreadOperations"/>), and every
/// other choice (which write a load reads under ARMv8, whether a fault is injected, timer jitter) is one of Coyote's
/// recorded integer choices (<see cref="Generator.NextInteger"/>). Coyote records both in its own trace, so
/// <c>coyote replay</c> makes the same decisions; the simulation records them in its decision list, which becomes the
/// KaaL trace. One instance serves one schedule; <see cref="Finish"/> must run when the schedule ends.
/// </summary>
public sealed class CoyoteStrategy : IStrategy
{
    private readonly KernelThreadOperations _threads = new();
    private readonly Generator _choices;

    public CoyoteStrategy()
    {
        if (Operation.GetNextId() is null)
        {
            throw new InvalidOperationException("CoyoteStrategy runs only inside a Coyote test iteration (CoyoteExplorer, a [Test] method under coyote test, or coyote replay)");
        }
        _choices = Generator.Create();
    }

    public string Name => "coyote";

    public bool BeginSchedule(int iteration, ulong seed) => true;

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step) => _threads.Choose(enabled, running);

    public int ChooseAlternative(ChoiceKind kind, int count, int step) => _choices.NextInteger(count);

    /// <summary>A seed for the fault plan of this schedule, itself a recorded Coyote choice.</summary>
    public ulong NextFaultSeed() => (ulong)_choices.NextInteger(int.MaxValue);

    /// <summary>Ends the kernel threads' operations (Coyote reports operations left paused as a deadlock).</summary>
    public void Finish() => _threads.Finish();
}
