using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

public sealed class DeterminismTests
{
    /// <summary>A component whose behaviour depends on state kept between runs (a static counter): the same
    /// decisions give another run, and the determinism check says so.</summary>
    private sealed class LeakyScenario : SimScenario
    {
        private static int s_runs;

        public override string Name => "leaky";

        public override string Description => "a component that remembers earlier runs";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            WorldComponent writer = world.AddComponent("writer", 10, 0, Write);
            WorldComponent reader = world.AddComponent("reader", 10, 0, Read);
            world.Map(writer, frame, 0x10_0000, VmRights.Read | VmRights.Write);
            world.Map(reader, frame, 0x10_0000, VmRights.Read);
        }

        private static async Task Write(Sys sys)
        {
            s_runs++;
            await sys.Store(0x10_0000, (ulong)s_runs);
            if (s_runs % 2 == 0) await sys.Store(0x10_0008, 1);
        }

        private static async Task Read(Sys sys)
        {
            await sys.Load(0x10_0000);
        }
    }

    /// <summary>A static counter changed by a run is named after the first schedule (before it could make a bug that
    /// does not replay), with or without the determinism check.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void State_kept_between_runs_is_caught_with_the_field_that_leaked(bool checkDeterminism)
    {
        var error = Assert.Throws<ScenarioAuthoringException>(() =>
            Explorer.Explore(new LeakyScenario(), new ExploreSettings(Iterations: 20, CheckDeterminism: checkDeterminism)));
        Assert.Contains("scenario leaky: field 's_runs' of static fields of LeakyScenario changed from", error.Message);
        Assert.Contains("during schedule 0", error.Message);
    }

    [Fact]
    public void The_channel_is_deterministic()
    {
        ExploreResult result = Explorer.Explore(new SpscChannelScenario(staleFullCheck: false), new ExploreSettings(Iterations: 30, CheckDeterminism: true, CheckInvariants: false));
        Assert.Null(result.FirstBug);
    }
}
