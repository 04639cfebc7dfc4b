using System;
using System.Collections.Generic;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Several strategies taking turns by iteration number: iteration i runs member i mod n, so which member runs
/// an iteration does not depend on how iterations are split across workers. Members keep their own state
/// (each PCT learns k from its own schedules). <see cref="Name"/> is the current member's name (a strategy
/// spec), so a trace records which one produced it. The default mix follows Coyote 1.7's portfolio (random,
/// probabilistic(3), prioritization(10), delay-bounding(10)) with what Kaal has: random, PCT at depths 3 and
/// 10, delay-bounding with 10 delays. PCT(3) stands in for the probabilistic member: few, well-placed
/// preemptions, next to random's many and PCT(10)'s and delay-bounding(10)'s moderate counts.
/// </summary>
public sealed class PortfolioStrategy : IStrategy
{
    private readonly IStrategy[] _members;
    private IStrategy _current;

    public PortfolioStrategy(int? lengthEstimateSteps = null) : this(DefaultMembers(lengthEstimateSteps))
    {
    }

    public PortfolioStrategy(IReadOnlyList<IStrategy> members)
    {
        if (members.Count == 0) throw new ArgumentException("a portfolio needs at least one strategy", nameof(members));
        _members = new IStrategy[members.Count];
        for (int index = 0; index < members.Count; index++) _members[index] = members[index];
        _current = _members[0];
    }

    public IReadOnlyList<IStrategy> Members => _members;

    public string Name => _current.Name;

    public static IStrategy[] DefaultMembers(int? lengthEstimateSteps = null) =>
    [
        new RandomStrategy(),
        new PctStrategy(3, lengthEstimateSteps),
        new PctStrategy(10, lengthEstimateSteps),
        new DelayBoundingStrategy(10, lengthEstimateSteps),
    ];

    public bool BeginSchedule(int iteration, ulong seed)
    {
        if (iteration < 0) throw new ArgumentOutOfRangeException(nameof(iteration), iteration, "iterations count from 0");
        _current = _members[iteration % _members.Length];
        return _current.BeginSchedule(iteration, seed);
    }

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step) => _current.Choose(enabled, running, step);

    public int ChooseAlternative(ChoiceKind kind, int count, int step) => _current.ChooseAlternative(kind, count, step);
}
