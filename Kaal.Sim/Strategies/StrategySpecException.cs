using System;

namespace Kaal.Sim.Strategies;

/// <summary>A strategy spec that does not parse; the message names the bad part and lists the valid forms
/// (the CLI prints it and exits with the usage-error code).</summary>
public sealed class StrategySpecException(string message) : ArgumentException(message);
