using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;

namespace KvSystem;

/// <summary>Stores key * 10 under keys 0..4 in kv_store, reads them back and prints their sum.</summary>
[KaalComponent("kv_client", ComponentType.Application, "0.1.0", Description = "puts five values and reads them back", Expects = ["ipc:kv:client"])]
public sealed class KvClient : Component
{
    private ulong _kv;

    public override Task InitAsync()
    {
        Context.ConnectEndpoint("kv", out _kv);
        return Task.CompletedTask;
    }

    public override async Task RunAsync()
    {
        ulong sum = 0;
        for (ulong key = 0; key < 5; key++) await Sys.Call(_kv, MessageInfo.Make(KvStore.PutLabel, 2, 0, 0), key, key * 10);
        for (ulong key = 0; key < 5; key++)
        {
            SyscallResult reply = await Sys.Call(_kv, MessageInfo.Make(KvStore.GetLabel, 1, 0, 0), key);
            Sys.Assert(reply.IsOk && MessageInfo.Label(reply.Info) == KvStore.OkLabel, "kv get failed");
            sum += reply.Mr0;
        }
        await Console.WriteLineAsync($"sum of 5 values: {sum}");
    }
}
