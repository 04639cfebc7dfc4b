using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications;

/// <summary>Sends 1..ItemCount on the `numbers` channel (blocking whenever the ring is full).</summary>
[KaalComponent("ipc_producer", ComponentType.Application, "1.0.0", Description = "sends 1..40 on Channel<uint> 'numbers'",
    Expects = ["ipc:numbers:producer"])]
public sealed class IpcProducer : Component
{
    private Channel<uint> _numbers = null!;

    public override Task InitAsync()
    {
        Context.Serve(NumbersStream.ChannelName, NumbersStream.Capacity, out _numbers);
        return Task.CompletedTask;
    }

    public override async Task RunAsync()
    {
        for (uint item = 1; item <= NumbersStream.ItemCount; item++) await _numbers.SendAsync(item);
        await Console.WriteLineAsync($"sent {NumbersStream.ItemCount} items");
    }
}
