using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>
/// <c>Sys.MappedBytes</c> in the simulator hands a thread the array it was last given for the same place while that
/// still holds what is mapped there (ThreadMemory.MappedBytes: system_init's registry is not copied every schedule).
/// What a caller sees must be what a fresh copy showed: the bytes mapped at the moment of the call, whatever the caller
/// did to an earlier array, whatever the thread or an earlier schedule wrote to the memory.
/// </summary>
public sealed class MappedBytesTests
{
    private const ulong ReadOnlyAt = 0x10_0000, ReadWriteAt = 0x20_0000;

    /// <summary>One component with one frame mapped twice: read-only (what it reads as mapped bytes) and read/write (how
    /// it changes them).</summary>
    private sealed class TwoViews : SimScenario
    {
        public override string Name => "mapped-bytes-two-views";

        public override string Description => "a component reading a frame as mapped bytes while it writes the frame through a second mapping";

        public override void Build(WorldBuilder world)
        {
            WorldComponent reader = world.AddComponent("reader", 100, 0, async sys =>
            {
                byte[] first = sys.MappedBytes(ReadOnlyAt, 16);
                sys.Assert(first[0] == 0 && first[15] == 0, "a frame of a new schedule reads zeros (the last schedule's store was undone)");
                byte[] again = sys.MappedBytes(ReadOnlyAt, 16);
                sys.Assert(ReferenceEquals(first, again), "unchanged memory: the same array, as at EL0 the same pages");
                first[0] = 0xEE;
                byte[] afterScribble = sys.MappedBytes(ReadOnlyAt, 16);
                sys.Assert(afterScribble[0] == 0 && !ReferenceEquals(first, afterScribble), "an array its caller wrote into is not handed out again");
                await sys.Store(ReadWriteAt + 8, 0x0807_0605_0403_0201);
                byte[] afterStore = sys.MappedBytes(ReadOnlyAt, 16);
                sys.Assert(afterStore[8] == 1 && afterStore[15] == 8 && !ReferenceEquals(afterScribble, afterStore), "memory the thread changed is read again");
                sys.Assert(afterScribble[8] == 0, "an array handed out earlier keeps what it held");
            });
            uint frame = world.CreateFrame();
            world.Map(reader, frame, ReadOnlyAt, VmRights.Read);
            world.Map(reader, frame, ReadWriteAt, VmRights.Read | VmRights.Write);
        }
    }

    [Fact]
    public void Mapped_bytes_are_what_is_mapped_at_each_call_across_schedules()
    {
        var simulation = new Simulation(new TwoViews(), new SimOptions(CheckInvariants: true));
        var strategy = new RandomStrategy();
        for (int schedule = 0; schedule < 3; schedule++)
        {
            strategy.BeginSchedule(schedule, (ulong)schedule);
            RunResult result = simulation.Run(strategy);
            Assert.True(result.Outcome == RunOutcome.Passed, $"schedule {schedule}: {result.Outcome}: {result.Message}");
        }
    }
}
