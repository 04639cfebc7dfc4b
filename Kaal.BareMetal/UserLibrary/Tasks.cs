using System.Runtime.CompilerServices;

namespace System.Threading.Tasks;

// A synchronous Task for EL0 components (DESIGN decision 4: on hardware every await completes at once).
// Same names as the BCL, so Kaal.Sdk and the components compile from the same source for the host
// (real Task, simulator suspends at awaits) and for EL0 (this one). A Task here is always completed when its
// async method returns: AsyncTaskMethodBuilder runs the state machine to the end inside Start, and an
// awaiter that is not complete stops the component instead of suspending it.

public class Task
{
    private static readonly Task s_completed = new Task();

    internal Task()
    {
    }

    public static Task CompletedTask => s_completed;

    public bool IsCompleted => true;

    public TaskAwaiter GetAwaiter() => default;

    public static Task<TResult> FromResult<TResult>(TResult result) => new Task<TResult>(result);
}

public sealed class Task<TResult> : Task
{
    private readonly TResult _result;

    internal Task(TResult result)
    {
        _result = result;
    }

    public TResult Result => _result;

    public new TaskAwaiter<TResult> GetAwaiter() => new TaskAwaiter<TResult>(this);
}
