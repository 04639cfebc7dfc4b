using System.Threading.Tasks;
using Kaal.Model;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// The start code every spawned component runs: decode the arguments page (x0), init, tell the supervisor
/// "ready" and wait for its go-ahead, run, then tell it "exit". The exit Call is never answered: the supervisor
/// tears the component down. Without a supervisor (a component started by hand) the thread just ends.
/// </summary>
public static class ComponentRuntime
{
    public static async Task StartAsync(Sys sys, ulong argsVirtAddr, Component component)
    {
        ComponentContext context = ComponentContext.Load(sys, argsVirtAddr);
        component.Attach(context);
        await component.InitAsync();
        bool supervised = context.TryFind(ArgKind.Supervisor, out ArgEntry supervisor);
        if (supervised) await sys.Call(supervisor.Cptr, MessageInfo.Make(Protocol.ReadyLabel, 0, 0, 0));
        await component.RunAsync();
        if (supervised) await sys.Call(supervisor.Cptr, MessageInfo.Make(Protocol.ExitLabel, 1, 0, 0), 0);
    }
}
