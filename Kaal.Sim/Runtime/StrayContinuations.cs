using System.Threading;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The synchronization context component code runs under. An await of a Sys operation never reaches it (the
/// simulation resumes the coroutine itself), and an await of a task that completes while the component runs continues
/// inline as before; what does reach it is a continuation that would otherwise run on the thread pool, concurrently
/// with the simulation (<c>await Task.Yield()</c>, a timer's <c>Task.Delay</c>): it is dropped, so no component code
/// ever runs outside the simulation's control, and the component is reported as awaiting something that is not a Sys
/// operation (<see cref="SimThread"/>).
/// </summary>
internal sealed class StrayContinuations : SynchronizationContext
{
    public static StrayContinuations Instance { get; } = new();

    public override void Post(SendOrPostCallback callback, object? state)
    {
    }

    public override void Send(SendOrPostCallback callback, object? state) =>
        throw new ScenarioAuthoringException("component code asked to run a callback synchronously on the simulation's thread (SynchronizationContext.Send); components may only await Sys operations");

    public override SynchronizationContext CreateCopy() => this;
}
