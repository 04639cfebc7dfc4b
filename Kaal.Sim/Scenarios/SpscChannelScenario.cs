using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Scenarios;

/// <summary>
/// The reference scenario: a producer and a consumer in different address spaces share a ring of 4 slots
/// in one frame (head, tail, then the slots; one slot kept empty) and two notifications. The producer
/// sends 1..20 and the consumer checks the order. Every shared load and store and every signal and wait is a
/// scheduling point. The producer runs on core 0 and the consumer on core <paramref name="cores"/> - 1 (the same
/// core by default; on two cores the ARMv8 memory model applies to their accesses).
/// The "stale full" variant lets the consumer decide whether the ring was full (and the producer needs waking)
/// from a head value it read before popping: a lost wake-up that deadlocks in some schedules.
/// The "missing release" variant publishes head with a plain store after writing the slot: correct under
/// sequential consistency, but on ARMv8 the head store may become visible first, and the consumer reads a
/// stale slot.
/// </summary>
public sealed class SpscChannelScenario(bool staleFullCheck, ulong itemCount = SpscChannelScenario.DefaultItemCount, int cores = 1,
    bool missingRelease = false) : SimScenario
{
    public const int SlotCount = 4;
    public const ulong DefaultItemCount = 20;
    private const ulong ProducerRingAddr = 0x10_0000;
    private const ulong ConsumerRingAddr = 0x20_0000;
    private const ulong HeadOffset = 0;
    private const ulong TailOffset = 8;
    private const ulong SlotsOffset = 16;

    public override string Name => (staleFullCheck ? "spsc-channel-stale-full" : missingRelease ? "spsc-channel-missing-release" : "spsc-channel") +
        (cores == 1 ? "" : "-smp") + (itemCount == DefaultItemCount ? "" : $"-{itemCount}");

    public override string Description => (staleFullCheck
        ? $"spsc-channel whose consumer judges 'was full' from a stale head: loses a wake-up, deadlocks ({itemCount} items)"
        : missingRelease
            ? $"spsc-channel whose producer publishes head with a plain store (no release): on ARMv8 the consumer can read a stale slot ({itemCount} items)"
            : $"producer and consumer in separate address spaces over a 4-slot ring in a shared frame, {itemCount} items") +
        (cores == 1 ? ", one core" : $", producer on core 0, consumer on core {cores - 1}");

    public override SimConfig Config => new(CoreCount: cores);

    public override void Build(WorldBuilder world)
    {
        uint ring = world.CreateFrame();
        uint itemsReady = world.CreateNotification("items-ready");
        uint spaceFree = world.CreateNotification("space-free");
        ulong producerWait = 0, producerSignal = 0, consumerWait = 0, consumerSignal = 0;
        WorldComponent producer = world.AddComponent("producer", 100, 0, sys => Produce(sys, producerWait, producerSignal));
        WorldComponent consumer = world.AddComponent("consumer", 100, cores - 1, sys => Consume(sys, consumerWait, consumerSignal));
        world.Map(producer, ring, ProducerRingAddr, VmRights.Read | VmRights.Write);
        world.Map(consumer, ring, ConsumerRingAddr, VmRights.Read | VmRights.Write);
        producerWait = world.Give(producer, spaceFree, CapRights.Read);
        producerSignal = world.Give(producer, itemsReady, CapRights.Write, badge: 1);
        consumerWait = world.Give(consumer, itemsReady, CapRights.Read);
        consumerSignal = world.Give(consumer, spaceFree, CapRights.Write, badge: 2);
    }

    private async Task Produce(Sys sys, ulong spaceFree, ulong itemsReady)
    {
        for (ulong value = 1; value <= itemCount; value++)
        {
            ulong head;
            while (true)
            {
                head = (await sys.Load(ProducerRingAddr + HeadOffset)).X1;
                ulong tail = (await sys.Load(ProducerRingAddr + TailOffset, MemoryOrder.Acquire)).X1;
                if (head - tail < SlotCount - 1) break;
                await sys.Wait(spaceFree);
            }
            await sys.Store(ProducerRingAddr + SlotsOffset + head % SlotCount * 8, value);
            await sys.Store(ProducerRingAddr + HeadOffset, head + 1, missingRelease ? MemoryOrder.Plain : MemoryOrder.Release);
            await sys.Signal(itemsReady);
        }
    }

    private async Task Consume(Sys sys, ulong itemsReady, ulong spaceFree)
    {
        for (ulong expected = 1; expected <= itemCount; expected++)
        {
            ulong tail;
            ulong headSeen;
            while (true)
            {
                tail = (await sys.Load(ConsumerRingAddr + TailOffset)).X1;
                headSeen = (await sys.Load(ConsumerRingAddr + HeadOffset, MemoryOrder.Acquire)).X1;
                if (headSeen != tail) break;
                await sys.Wait(itemsReady);
            }
            ulong value = (await sys.Load(ConsumerRingAddr + SlotsOffset + tail % SlotCount * 8)).X1;
            sys.Assert(value == expected, $"expected item {expected}, got {value}");
            await sys.Store(ConsumerRingAddr + TailOffset, tail + 1, MemoryOrder.Release);
            bool producerMayWait = staleFullCheck ? headSeen - tail == SlotCount - 1 : true;
            if (producerMayWait) await sys.Signal(spaceFree);
        }
    }
}
