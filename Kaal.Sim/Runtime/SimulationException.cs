using System;

namespace Kaal.Sim.Runtime;

/// <summary>The simulation itself cannot go on (bad scenario set-up, a trace that no longer fits the code).</summary>
public sealed class SimulationException(string message) : Exception(message);
