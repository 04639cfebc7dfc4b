using System;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Step limits for liveness-style schedules. The inner strategy decides the first <see cref="FairAfterSteps"/>
/// decisions (the unfair phase: it may starve a thread, which is how it finds bugs); after that every decision
/// goes round robin, to the next enabled thread after the one chosen last in ascending-id order (wrapping), so
/// every thread that stays enabled runs within n decisions and a schedule that can finish does (a spinning
/// thread can no longer starve the one it waits for). A schedule still running at <c>SimOptions.MaxSteps</c>
/// then points at a real liveness problem, not at an unfair scheduler: set MaxSteps well above
/// FairAfterSteps (Coyote's defaults: 10,000 unfair, 100,000 fair).
/// Around a DFS the search covers the first FairAfterSteps steps only; its <see cref="Coverage"/> says so when a
/// schedule had a choice in the fair phase. The DFS also hears the simulation's footprints, preemptions and void
/// alternatives for the decisions it makes.
/// </summary>
public sealed class FairStrategy : IStrategy, IDependencyAware, IPreemptionAware, IVoidAlternativeAware, ICoverageClaiming
{
    public const int DefaultFairAfterSteps = 10_000;

    private readonly IStrategy _inner;
    private uint _lastChosen;
    private bool _fairChoiceMade;
    private bool _lastAlternativeFromInner;

    public FairStrategy(IStrategy inner, int fairAfterSteps = DefaultFairAfterSteps)
    {
        if (inner is FairStrategy) throw new ArgumentException("fair does not nest", nameof(inner));
        if (fairAfterSteps < 0) throw new ArgumentOutOfRangeException(nameof(fairAfterSteps), fairAfterSteps, "the unfair phase is at least 0 steps");
        _inner = inner;
        FairAfterSteps = fairAfterSteps;
    }

    public int FairAfterSteps { get; }

    public IStrategy Inner => _inner;

    public string Name => $"fair:{FairAfterSteps}:{_inner.Name}";

    /// <summary>The inner search's claim, cut at <see cref="FairAfterSteps"/> when a choice fell in the fair phase.</summary>
    public CoverageClaim? Coverage => (_inner as ICoverageClaiming)?.Coverage is CoverageClaim claim
        ? claim with { FairAfterSteps = FairAfterSteps, FairCut = _fairChoiceMade }
        : null;

    public bool BeginSchedule(int iteration, ulong seed)
    {
        _lastChosen = 0;
        return _inner.BeginSchedule(iteration, seed);
    }

    public bool WantsFootprints => _inner is IDependencyAware inner && inner.WantsFootprints;

    public void ObserveFootprints(ReadOnlySpan<Footprint> footprints) => (_inner as IDependencyAware)?.ObserveFootprints(footprints);

    public void ObservePreemptions(ReadOnlySpan<bool> preempts) => (_inner as IPreemptionAware)?.ObservePreemptions(preempts);

    public void LastAlternativeWasVoid()
    {
        if (_lastAlternativeFromInner) (_inner as IVoidAlternativeAware)?.LastAlternativeWasVoid();
    }

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step)
    {
        int choice = 0;
        if (step < FairAfterSteps)
        {
            choice = _inner.Choose(enabled, running, step);
        }
        else
        {
            _fairChoiceMade |= enabled.Length > 1;
            for (int index = 0; index < enabled.Length; index++)
            {
                if (enabled[index] > _lastChosen)
                {
                    choice = index;
                    break;
                }
            }
        }
        if ((uint)choice < (uint)enabled.Length) _lastChosen = enabled[choice];
        return choice;
    }

    /// <summary>In the fair phase every other choice takes alternative 0 (the newest value), so a thread spinning
    /// on a flag sees the store it waits for.</summary>
    public int ChooseAlternative(ChoiceKind kind, int count, int step)
    {
        _lastAlternativeFromInner = step < FairAfterSteps;
        if (_lastAlternativeFromInner) return _inner.ChooseAlternative(kind, count, step);
        _fairChoiceMade = true;
        return 0;
    }
}
