using System;

namespace Kaal.Sim.Coyote;

/// <summary>Coyote ended the iteration while the simulation waited for a decision (its step bound, its timeout, or a
/// bug in another operation); the schedule is abandoned, not a KaaL verdict.</summary>
public sealed class CoyoteStoppedException(string message) : Exception(message);
