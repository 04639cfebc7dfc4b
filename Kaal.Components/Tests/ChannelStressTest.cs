using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Tests;

/// <summary>test_channel_stress: both ends of one channel of 16-byte elements: fill to capacity, refuse when full,
/// drain in order, refuse when empty, many times round the ring (wrap-around).</summary>
[KaalComponent("test_channel_stress", ComponentType.Application, "1.0.0", Description = "sel4test-style: full/empty ring and wrap-around order",
    Expects = ["ipc:stress:producer", "ipc:stress:consumer"])]
public sealed class ChannelStressTest : TestComponent
{
    public const string ChannelName = "stress";
    private const int Capacity = 4;
    private const int Rounds = 5;

    public readonly record struct Sample(uint Sequence, ulong Payload);

    private Channel<Sample> _producer = null!;
    private Channel<Sample> _consumer = null!;

    protected override IReadOnlyList<(string Name, Func<Task<string?>> Run)> Tests => new (string, Func<Task<string?>>)[]
    {
        ("CHANNEL_FULL_AND_EMPTY", FullAndEmpty),
        ("CHANNEL_WRAP_AROUND_ORDER", WrapAroundOrder),
    };

    public override Task InitAsync()
    {
        if (Context.Serve(ChannelName, Capacity, out _producer)) Context.Connect(ChannelName, Capacity, out _consumer);
        return Task.CompletedTask;
    }

    private async Task<string?> FullAndEmpty()
    {
        if ((await _consumer.TryReceiveAsync()).Received) return "received from an empty ring";
        for (uint index = 0; index < Capacity; index++)
        {
            if (!await _producer.TrySendAsync(new Sample(index, index))) return $"ring full after {index} of {Capacity} items";
        }
        if (await _producer.TrySendAsync(new Sample(99, 99))) return $"sent a {Capacity + 1}th item into a full ring";
        for (uint index = 0; index < Capacity; index++) await _consumer.ReceiveAsync();
        return (await _consumer.TryReceiveAsync()).Received ? "received from a drained ring" : null;
    }

    private async Task<string?> WrapAroundOrder()
    {
        uint sequence = 1000;
        uint expected = 1000;
        for (int round = 0; round < Rounds; round++)
        {
            for (int index = 0; index < Capacity - round % 2; index++, sequence++)
            {
                await _producer.SendAsync(new Sample(sequence, (ulong)sequence * 0x1_0000_0001));
            }
            for (; expected < sequence; expected++)
            {
                Sample sample = await _consumer.ReceiveAsync();
                if (sample.Sequence != expected || sample.Payload != (ulong)expected * 0x1_0000_0001)
                {
                    return $"round {round}: expected item {expected}, got {sample.Sequence} with payload 0x{sample.Payload:X}";
                }
            }
        }
        return null;
    }
}
