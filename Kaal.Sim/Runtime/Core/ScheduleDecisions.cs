using System;
using System.Collections.Generic;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The strategy of the schedule being run and every decision it made, in order (the trace): thread choices and the
/// alternatives the simulation's parts asked for. While a thread runs alone (certification, validation of promises)
/// alternatives are 0 and not recorded.
/// </summary>
internal sealed class ScheduleDecisions(SimState state) : IAlternatives
{
    private readonly List<uint> _decisions = new();
    private IStrategy _strategy = null!;

    public IStrategy Strategy => _strategy;

    /// <summary>The strategy as <see cref="IDependencyAware"/> and <see cref="IPreemptionAware"/> (null when it is not):
    /// looked up once a schedule instead of two interface casts a step; a strategy object keeps its type.</summary>
    public IDependencyAware? DependencyAware { get; private set; }

    public IPreemptionAware? PreemptionAware { get; private set; }

    /// <summary>The decisions so far (handed to certification replays and returned with the run's result).</summary>
    public List<uint> Recorded => _decisions;

    /// <summary>Where the current step's thread choice sits in <see cref="Recorded"/>.</summary>
    public int StepFirstDecision { get; private set; }

    /// <summary>Running a thread alone: alternatives are 0 and not recorded.</summary>
    public bool AutoAlternatives { get; set; }

    public void Begin(IStrategy strategy)
    {
        _strategy = strategy;
        DependencyAware = strategy as IDependencyAware;
        PreemptionAware = strategy as IPreemptionAware;
        _decisions.Clear();
    }

    /// <summary>The strategy's pick among <paramref name="enabled"/> (checked: an index it was offered).</summary>
    public int ChooseThread(ReadOnlySpan<uint> enabled, int running, int step)
    {
        StepFirstDecision = _decisions.Count;
        int choice = _strategy.Choose(enabled, running, step);
        if ((uint)choice >= (uint)enabled.Length)
        {
            throw new SimulationException($"strategy {_strategy.Name} chose option {choice} of {enabled.Length} at step {step}");
        }
        return choice;
    }

    public void Add(uint thread) => _decisions.Add(thread);

    /// <summary>Asks the strategy for one of <paramref name="count"/> alternatives and records the answer (or
    /// takes alternative 0 without recording while a thread runs alone).</summary>
    public int ChooseAlternative(ChoiceKind kind, int count)
    {
        if (AutoAlternatives) return 0;
        int choice = _strategy.ChooseAlternative(kind, count, state.Step);
        if ((uint)choice >= (uint)count)
        {
            throw new SimulationException($"strategy {_strategy.Name} chose alternative {choice} of {count} for {Decision.Name(kind)} at step {state.Step}");
        }
        _decisions.Add(Decision.Alternative(kind, choice));
        return choice;
    }
}
