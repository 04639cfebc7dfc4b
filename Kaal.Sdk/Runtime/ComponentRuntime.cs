using System.Threading.Tasks;
using Kaal.Model;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// The start code every spawned component runs: decode the arguments page (x0), init, tell the supervisor
/// "ready" and wait for its go-ahead, run, then tell it "exit". The exit Call is never answered: the supervisor
/// tears the component down. Without a supervisor (a component started by hand) the thread just ends.
/// Work that cannot be done (memory exhausted, a capability not granted: the <see cref="ComponentContext.Failure"/>
/// a phase recorded) ends the component with exit status <see cref="FailedStatus"/> and a console line saying why:
/// a reported failure its supervisor's restart policy handles, not a crash. An exception is a bug in the component
/// and surfaces as one (a fault on the CPU).
/// </summary>
public static class ComponentRuntime
{
    public const ulong FailedStatus = 1;

    public static async Task StartAsync(Sys sys, ulong argsVirtAddr, Component component)
    {
        ComponentContext context = ComponentContext.Load(sys, argsVirtAddr);
        component.Attach(context);
        context.Quiescence.Save = component.SaveState;
        bool supervised = context.TryFind(ArgKind.Supervisor, out ArgEntry supervisor);
        await component.InitAsync();
        string? failure = FailureLine("init", context);
        if (failure is null)
        {
            if (supervised) await sys.Call(supervisor.Cptr, MessageInfo.Make(Protocol.ReadyLabel, 0, 0, 0));
            await component.RunAsync();
            failure = FailureLine("run", context);
        }
        if (failure is not null) await context.Console.WriteLineAsync(failure);
        if (supervised) await sys.Call(supervisor.Cptr, MessageInfo.Make(Protocol.ExitLabel, 1, 0, 0), failure is null ? 0 : FailedStatus);
    }

    private static string? FailureLine(string phaseName, ComponentContext context) =>
        context.Failure is { } failure ? $"{phaseName} failed: {failure.Message}" : null;
}
