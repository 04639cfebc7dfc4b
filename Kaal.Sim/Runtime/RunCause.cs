namespace Kaal.Sim.Runtime;

/// <summary>
/// Where a failed run's report points: the step that caused the failure (an assertion, a fault, the step a liveness
/// monitor went hot and stayed hot, the step the last thread of a deadlock blocked), the component that took it, the
/// monitor for a liveness violation, and what the step did, in words.
/// </summary>
public sealed record RunCause(int Step, string Component, string Monitor, string What);
