using System;

namespace Kaal.Sim.Coyote;

/// <summary>Coyote ended a run for a reason that is not one of KaaL's verdicts (a deadlock between the harness's
/// operations, an exception inside Coyote): a fault of this package, reported with Coyote's own words.</summary>
public sealed class CoyoteHarnessException(string message) : Exception(message);
