using System;
using System.Threading.Tasks;
using Kaal.Sdk;
using Kaal.Sdk.Discovery;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Scenarios;

/// <summary>
/// A system to explore: the machine, and a set-up that adds components (each a C# async method against
/// <see cref="Kaal.Sdk.Sys"/>) and hands them capabilities. Components check their own expectations with
/// <c>sys.Assert</c>; the simulator adds deadlock detection and the kernel's invariant checkers.
/// <see cref="Build"/> runs once per simulation (once per explorer worker), not per schedule: every schedule starts
/// from a copy of the kernel and memory as the set-up left them. The scenario object, and every variable its
/// components' code captures, is therefore shared by all schedules (and by all workers): state kept there carries
/// from one schedule into the next and makes bugs that do not replay. Keep a run's state in locals of the
/// component's code (or in simulated memory).
/// </summary>
public abstract class SimScenario
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public virtual SimConfig Config => new();

    /// <summary>The memory model to explore under unless the explorer is told otherwise (<c>--memory-model</c>).</summary>
    public virtual MemoryModel MemoryModel => MemoryModel.Arm;

    public abstract void Build(WorldBuilder world);

    /// <summary>
    /// For systems whose threads are spawned at run time (from ELF images): the code of binary
    /// <paramref name="binary"/>, started with x0 = <paramref name="x0"/>; null for a binary it does not know.
    /// Scenarios that add every component in <see cref="Build"/> leave this alone.
    /// </summary>
    public virtual Func<Sys, Task>? Program(string binary, ulong x0) => null;

    /// <summary>
    /// How often the kernel's invariant checkers run (when checks are on): every step by default; a whole system,
    /// whose kernel tables are large, checks every this many steps and once more at the end of the run. A property
    /// of the scenario, so a replay checks at exactly the same steps as the run it replays.
    /// </summary>
    public virtual int InvariantCheckIntervalSteps => 1;

    /// <summary>Bytes waiting in the UART's receive queue when every run starts (what a user types at the console).</summary>
    public virtual byte[] UartInput => Array.Empty<byte>();

    /// <summary>
    /// Whether a run that reaches the step limit without ending is a bug (a liveness violation naming what every
    /// component was doing) rather than a schedule the explorer counts as not checked to its end. For scenarios
    /// whose every run must finish; components that serve for ever are added with <c>WorldBuilder.AddDaemon</c>.
    /// </summary>
    public virtual bool EndlessRunIsBug => false;

    /// <summary>How many faults of the component <paramref name="component"/> its supervisor recovers from (restarts).
    /// The simulator injects a crash only while the component has faulted fewer times: a crash beyond them is final by
    /// the system's own policy, so the run could only fail as designed (and be reported again, as a liveness bug).
    /// Unlimited by default; a system's comes from its manifest (restart, restart_limit).</summary>
    public virtual int RecoverableFaults(string component) => int.MaxValue;

    /// <summary>The exit code a shutdown of this scenario's system is expected to carry; any other fails the run
    /// (RunOutcome.SystemFailed). A system's comes from its manifest (`exit_code`).</summary>
    public virtual ulong ExpectedExitCode => 0;

    /// <summary>Whether threads the scenario did not add are spawned programs (found by the image at their pc).</summary>
    public virtual bool RunsPrograms => false;

    /// <summary>How the step log, replay and timeline name message labels: the SDK's protocols by default; a system's
    /// adds those its components declare ([KaalMessageLabel]). A scenario of its own may hand its components' in:
    /// <c>ComponentDiscovery.FromAssemblies(...).MessageLabels</c>.</summary>
    public virtual MessageLabelNames MessageLabels => MessageLabelNames.Sdk;
}
