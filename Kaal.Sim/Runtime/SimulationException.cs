using System;

namespace Kaal.Sim.Runtime;

/// <summary>The simulation itself cannot go on (bad scenario set-up, a trace that no longer fits the code).</summary>
public class SimulationException : Exception
{
    public SimulationException(string message) : base(message)
    {
    }

    public SimulationException(string message, Exception? inner) : base(message, inner)
    {
    }
}
