using Kaal.Sim.Exploration;

namespace Kaal.Sim.Coyote;

/// <summary>What a Coyote exploration found: <see cref="Result"/> in KaaL's terms (its trace replays with
/// <c>kaal replay</c>), Coyote's reproducible trace of the bug (<see cref="CoyoteTrace"/>, for <c>coyote replay</c> and
/// <see cref="CoyoteExplorer.Replay"/>; null without a bug), Coyote's report text, and when the first bug was found
/// (seconds from the engine's start; null: none).</summary>
public sealed record CoyoteExploreResult(ExploreResult Result, string? CoyoteTrace, string CoyoteReport, double? FirstBugSeconds);
