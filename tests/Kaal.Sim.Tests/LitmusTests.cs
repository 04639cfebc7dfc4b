using System.Linq;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios.Litmus;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>
/// The litmus table of docs/weak-memory.md, computed: every test explored exhaustively (DFS over thread
/// choices and memory-model alternatives) under the ARMv8 model and under SC; the outcomes produced must be
/// exactly the outcomes each model allows.
/// </summary>
public sealed class LitmusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => new(LitmusCatalog.All.Select(test => test.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Arm_outcomes_are_exactly_the_ones_ARMv8_allows(string name)
    {
        LitmusTest test = LitmusCatalog.All.Single(t => t.Name == name);
        LitmusResult arm = LitmusRunner.Explore(test, MemoryModel.Arm);
        LitmusResult sc = LitmusRunner.Explore(test, MemoryModel.Sc);
        output.WriteLine($"| {test.Name} | {test.Program} | {test.Interesting} | ARMv8: {Allows(test.ArmAllowed.Contains(test.Interesting))} | " +
            $"simulator arm: {Allows(arm.ProducesInteresting)} | simulator sc: {Allows(sc.ProducesInteresting)} | {arm.Schedules} schedules ({arm.InfeasibleSchedules} infeasible) |");
        Assert.True(arm.Exhausted, $"{name}: the search did not finish");
        Assert.Equal(test.ArmAllowed.Order(System.StringComparer.Ordinal), arm.Outcomes);
        Assert.True(sc.Exhausted);
        Assert.Equal(test.ScAllowed.Order(System.StringComparer.Ordinal), sc.Outcomes);
        Assert.Equal(0, sc.InfeasibleSchedules);
    }

    [Fact]
    public void The_table_covers_MP_SB_LB_each_plain_and_ordered()
    {
        foreach (string family in new[] { "MP", "SB", "LB" })
        {
            Assert.Contains(LitmusCatalog.All, test => test.Name == family && test.ArmAllowed.Contains(test.Interesting));
            Assert.Contains(LitmusCatalog.All, test => test.Name.StartsWith(family + "+dmb.sys") && !test.ArmAllowed.Contains(test.Interesting));
            Assert.Contains(LitmusCatalog.All, test => test.Name.StartsWith(family + "+") && (test.Name.Contains("rel") || test.Name.Contains("acq"))
                && !test.ArmAllowed.Contains(test.Interesting));
        }
        Assert.All(LitmusCatalog.All, test => Assert.DoesNotContain(test.Interesting, test.ScAllowed));
    }

    private static string Allows(bool allowed) => allowed ? "allowed" : "forbidden";
}
