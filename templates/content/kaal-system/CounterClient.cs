using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;

namespace KaalSystem;

/// <summary>Adds 1 to the counter <see cref="Rounds"/> times; components.toml runs two of it.</summary>
[KaalComponent("counter_client", ComponentType.Application, "0.1.0", Description = "adds 1 to the counter five times", Expects = ["ipc:counter:client"])]
public sealed class CounterClient : Component
{
    public const int Rounds = 5;
    private ulong _counter;

    /// <summary>The walkthrough's planted bug (README, "Your first system"): true adds by reading the value (Get) and
    /// writing it back plus one (Set) in two Calls, so another client can run in between and its add is lost.</summary>
    private static bool ReadThenWrite => false;

    public override Task InitAsync()
    {
        Context.ConnectEndpoint("counter", out _counter);
        return Task.CompletedTask;
    }

    public override async Task RunAsync()
    {
        for (int round = 0; round < Rounds; round++)
        {
            if (ReadThenWrite)
            {
                SyscallResult read = await Sys.Call(_counter, MessageInfo.Make(CounterService.GetLabel, 0, 0, 0));
                await Sys.Call(_counter, MessageInfo.Make(CounterService.SetLabel, 2, 0, 0), read.Mr0, read.Mr0 + 1);
            }
            else
            {
                SyscallResult added = await Sys.Call(_counter, MessageInfo.Make(CounterService.AddLabel, 1, 0, 0), 1);
                Sys.Assert(added.IsOk && MessageInfo.Label(added.Info) == CounterService.OkLabel, "the counter refused an Add");
            }
        }
        await Console.WriteLineAsync($"added 1 to the counter {Rounds} times");
    }
}
