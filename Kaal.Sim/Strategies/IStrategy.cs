using System;

namespace Kaal.Sim.Strategies;

/// <summary>
/// How the explorer chooses at each scheduling point. A schedule is fully determined by the seed it is
/// given and the choices it makes (DESIGN decision 5); strategies hold no other source of randomness.
/// </summary>
public interface IStrategy
{
    string Name { get; }

    /// <summary>Prepares schedule number <paramref name="iteration"/> with its own <paramref name="seed"/>.
    /// False when the strategy has nothing left to explore (an exhaustive search is done).</summary>
    bool BeginSchedule(int iteration, ulong seed);

    /// <summary>
    /// Picks which enabled thread performs the next operation. <paramref name="enabled"/> holds Model thread
    /// indices in ascending order; <paramref name="running"/> is the index of the thread that runs if nobody
    /// is preempted (-1 if none); <paramref name="step"/> counts decisions in this schedule.
    /// </summary>
    int Choose(ReadOnlySpan<uint> enabled, int running, int step);

    /// <summary>
    /// Picks one of <paramref name="count"/> (at least 2) alternatives of a choice the machine model leaves open
    /// during step <paramref name="step"/>, after the thread for that step was chosen (e.g. which write a load
    /// reads under the ARMv8 model). Alternative 0 is what a sequentially consistent machine does.
    /// </summary>
    int ChooseAlternative(ChoiceKind kind, int count, int step);
}
