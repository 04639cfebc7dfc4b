using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Sdk;
using Kaal.Sdk.Coroutines;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>The SDK's reusable async methods (CoroutineBuilder) keep the simulator's stray-continuation check sound: an
/// await of something that is not a Sys operation inside one is still reported, and nested SDK-style calls run to
/// the same results as plain async methods.</summary>
public sealed class CoroutineAwaitTests
{
    private sealed class YieldInsideHelper : SimScenario
    {
        public override string Name => "yield-inside-helper";

        public override string Description => "a component whose reusable async helper awaits Task.Yield";

        public override void Build(WorldBuilder world) => world.AddComponent("yielder", 100, 0, async sys =>
        {
            await HelperAsync(sys);
        });

        [AsyncMethodBuilder(typeof(CoroutineBuilder))]
        private static async ValueTask HelperAsync(Sys sys)
        {
            await sys.Yield();
            await Task.Yield();
            await sys.Yield();
        }
    }

    private sealed class NestedHelpers : SimScenario
    {
        public override string Name => "nested-helpers";

        public override string Description => "two components counting through nested reusable async helpers";

        public override void Build(WorldBuilder world)
        {
            for (int index = 0; index < 2; index++)
            {
                world.AddComponent($"counter{index}", 100, 0, async sys =>
                {
                    ulong total = 0;
                    for (int round = 0; round < 20; round++) total += await TwoYieldsAsync(sys);
                    sys.Assert(total == 40, "every helper call counted its two yields");
                });
            }
        }

        [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
        private static async ValueTask<ulong> TwoYieldsAsync(Sys sys) => await OneYieldAsync(sys) + await OneYieldAsync(sys);

        [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
        private static async ValueTask<ulong> OneYieldAsync(Sys sys)
        {
            await sys.Yield();
            return 1;
        }
    }

    [Fact]
    public void Task_yield_inside_a_reusable_helper_is_reported_as_not_a_sys_operation()
    {
        var error = Assert.Throws<ScenarioAuthoringException>(() => Explorer.Explore(new YieldInsideHelper(), new ExploreSettings(Iterations: 3)));
        Assert.Contains("component 'yielder' awaited something that is not a Sys operation", error.Message);
    }

    [Fact]
    public void Nested_reusable_helpers_of_interleaved_components_complete_with_their_own_results()
    {
        ExploreResult result = Explorer.Explore(new NestedHelpers(), new ExploreSettings(Iterations: 200, Workers: 2, CheckDeterminism: true));
        Assert.Null(result.FirstBug);
        Assert.Equal(200, result.Schedules);
    }
}
