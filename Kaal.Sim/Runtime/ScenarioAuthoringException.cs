using System;

namespace Kaal.Sim.Runtime;

/// <summary>
/// A scenario written in a way the simulator cannot explore faithfully (a component awaits something that is not a
/// Sys operation, state carries from one schedule into the next): not a bug of the system under test, but a set-up
/// problem the explorer stops on (`kaal explore` exits 2). The message names the component or field and what to do.
/// </summary>
public sealed class ScenarioAuthoringException(string message) : SimulationException(message);
