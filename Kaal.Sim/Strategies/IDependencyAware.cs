using System;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Optional for a strategy: the simulation describes each enabled thread's next step right before every
/// <see cref="IStrategy.Choose"/>, so a search can skip orders of independent steps (partial-order reduction).
/// Strategies that do not implement it (or say <see cref="WantsFootprints"/> false) cost the simulation nothing extra.
/// </summary>
public interface IDependencyAware
{
    /// <summary>False for a wrapper whose inner strategy has no use for footprints.</summary>
    bool WantsFootprints => true;

    /// <summary><paramref name="footprints"/>[i] describes the next step of <c>enabled[i]</c> of the
    /// <see cref="IStrategy.Choose"/> call that follows; the span is only valid during this call.</summary>
    void ObserveFootprints(ReadOnlySpan<Footprint> footprints);
}
