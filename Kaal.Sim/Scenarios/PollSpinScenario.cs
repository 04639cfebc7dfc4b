using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Scenarios;

/// <summary>
/// A liveness bug: a consumer at priority 100 waits for one item by spinning on Poll (never blocking), while its
/// producer runs at priority 50. A thread that never blocks starves every lower priority, so the item never comes;
/// no assertion fails and nothing deadlocks, only the consumer's liveness monitor ("item-arrives") stays hot. The
/// fixed variant waits with Wait, which blocks, and the producer runs.
/// </summary>
public sealed class PollSpinScenario(bool blockingWait, byte producerPriority = PollSpinScenario.StarvedPriority) : SimScenario
{
    public const string Monitor = "item-arrives";
    public const byte ConsumerPriority = 100;
    public const byte StarvedPriority = 50;
    private const ulong ProducerSlotAddr = 0x10_0000;
    private const ulong ConsumerSlotAddr = 0x20_0000;

    public override string Name => (blockingWait ? "poll-spin-fixed" : "poll-spin") + (producerPriority == StarvedPriority ? "" : $"-producer-{producerPriority}");

    public override string Description => blockingWait
        ? "a consumer that blocks in Wait for its item; the lower-priority producer runs (passes)"
        : "a consumer that spins on Poll for its item and starves its lower-priority producer (liveness bug)";

    public override void Build(WorldBuilder world)
    {
        uint slot = world.CreateFrame();
        uint ready = world.CreateNotification("item-ready");
        ulong consumerWait = 0, producerSignal = 0;
        WorldComponent consumer = world.AddComponent("consumer", ConsumerPriority, 0, sys => Consume(sys, consumerWait));
        WorldComponent producer = world.AddComponent("producer", producerPriority, 0, sys => Produce(sys, producerSignal));
        world.Map(producer, slot, ProducerSlotAddr, VmRights.Read | VmRights.Write);
        world.Map(consumer, slot, ConsumerSlotAddr, VmRights.Read | VmRights.Write);
        consumerWait = world.Give(consumer, ready, CapRights.Read);
        producerSignal = world.Give(producer, ready, CapRights.Write, badge: 1);
    }

    private static async Task Produce(Sys sys, ulong ready)
    {
        await sys.Store(ProducerSlotAddr, 42, MemoryOrder.Release);
        await sys.Signal(ready);
    }

    private async Task Consume(Sys sys, ulong ready)
    {
        sys.Hot(Monitor);
        for (int guard = 0; guard < 1_000_000; guard++)
        {
            SyscallResult signalled = blockingWait ? await sys.Wait(ready) : await sys.Poll(ready);
            if (signalled.Badge != 0) break;
        }
        ulong item = (await sys.Load(ConsumerSlotAddr, MemoryOrder.Acquire)).X1;
        sys.Assert(item == 42, $"the item is {item}, not 42");
        sys.Cold(Monitor);
    }
}
