using Kaal.Model;
using Kaal.Sim.Scenarios;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The state one simulation's parts share: the scenario and options it runs under, the kernel and machine (made when
/// the first schedule builds the world and restored in place for every later one), its threads, and the step being
/// taken. The parts (devices, fault injection, weak memory, liveness, checks, recording) read it; only the core
/// (<see cref="Simulation"/>) moves the step on.
/// </summary>
internal sealed class SimState
{
    public SimState(SimScenario scenario, SimOptions options)
    {
        Scenario = scenario;
        Options = options;
        Memory = new ThreadMemory(() => Kernel, () => Machine);
        Threads = new ThreadTable(this);
    }

    public SimScenario Scenario { get; }

    public SimOptions Options { get; }

    /// <summary>Set when the world is built; the same object for every schedule after that.</summary>
    public Kernel Kernel { get; set; } = null!;

    /// <summary>Set when the world is built; reset in place for every schedule.</summary>
    public SimMachineState Machine { get; set; } = null!;

    /// <summary>How component code reads and writes its memory (through the kernel's translation).</summary>
    public ThreadMemory Memory { get; }

    public ThreadTable Threads { get; }

    /// <summary>The step being taken (decisions and events are stamped with it).</summary>
    public int Step { get; set; }
}
