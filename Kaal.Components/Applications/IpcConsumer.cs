using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications;

/// <summary>
/// Receives from the `numbers` channel until the last item and checks that they arrive in order, each exactly
/// once; prints the range and a checksum. A restarted consumer resumes where the ring says (it says so).
/// <see cref="CrashAfterItem"/> makes the first incarnation fault on purpose after that item (the
/// `ipc_consumer_crash` binary), to show that a restart loses nothing already sent.
/// </summary>
[KaalComponent("ipc_consumer", ComponentType.Application, "1.0.0", Description = "receives 'numbers', checks the order, prints a checksum",
    Expects = ["ipc:numbers:consumer"])]
public class IpcConsumer : Component
{
    private Channel<uint> _numbers = null!;

    protected virtual uint CrashAfterItem => 0;

    public override Task InitAsync()
    {
        Context.Connect(NumbersStream.ChannelName, NumbersStream.Capacity, out _numbers);
        return Task.CompletedTask;
    }

    public override async Task RunAsync()
    {
        ulong taken = await _numbers.PositionAsync();
        if (taken >= NumbersStream.ItemCount)
        {
            // A crash after the last item was taken but before the line below was printed: nothing is left.
            await Console.WriteLineAsync($"resumed after the last item: all {NumbersStream.ItemCount} items were taken before the restart");
            return;
        }
        uint first = await _numbers.ReceiveAsync();
        if (Context.Instance != 0) await Console.WriteLineAsync($"resumed at item {first}");
        else if (first != 1) Sys.Fail($"the first item is {first}, not 1");
        uint hash = NumbersStream.Step(2166136261, first);
        uint last = first;
        while (last < NumbersStream.ItemCount)
        {
            if (Context.Instance == 0 && last == CrashAfterItem)
            {
                await Console.WriteLineAsync($"received item {last}; faulting on purpose");
                await Sys.Load(CrashAddress);
            }
            uint item = await _numbers.ReceiveAsync();
            if (item != last + 1) Sys.Fail($"out of order: expected item {last + 1}, got {item}");
            hash = NumbersStream.Step(hash, item);
            last = item;
        }
        await Console.WriteLineAsync($"received items {first}..{last} in order, checksum 0x{hash:X8}");
    }

    /// <summary>Below the first user page: never mapped, so the load is a data abort.</summary>
    public const ulong CrashAddress = 0x10;
}

