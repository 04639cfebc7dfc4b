using System;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>The probabilistic strategy's choice rule, measured over many decisions of fixed seeds.</summary>
public sealed class ProbabilisticStrategyTests
{
    private static readonly uint[] TwoThreads = { 3, 7 };
    private static readonly uint[] FourThreads = { 1, 2, 3, 4 };

    /// <summary>Share of decisions that leave the running thread (index 0 of two): the coins say switch with
    /// probability 0.5^N, and then the uniform draw picks the other thread half of the time.</summary>
    private static double LeaveShare(int coinFlips, int decisions)
    {
        var strategy = new ProbabilisticStrategy(coinFlips);
        strategy.BeginSchedule(0, 42);
        int left = 0;
        for (int step = 0; step < decisions; step++)
        {
            if (strategy.Choose(TwoThreads, 0, step) != 0) left++;
        }
        return (double)left / decisions;
    }

    [Theory]
    [InlineData(1, 0.25)]
    [InlineData(3, 0.0625)]
    [InlineData(5, 0.015625)]
    public void The_running_thread_is_left_with_probability_half_of_one_half_to_the_n(int coinFlips, double expected)
    {
        double share = LeaveShare(coinFlips, 200_000);
        Assert.InRange(share, expected * 0.9, expected * 1.1);
    }

    [Fact]
    public void With_nothing_running_the_choice_is_uniform()
    {
        var strategy = new ProbabilisticStrategy();
        strategy.BeginSchedule(0, 7);
        var counts = new int[FourThreads.Length];
        for (int step = 0; step < 40_000; step++) counts[strategy.Choose(FourThreads, -1, step)]++;
        Assert.All(counts, count => Assert.InRange(count, 9_000, 11_000));
    }

    [Fact]
    public void A_switch_may_land_on_any_enabled_thread_the_running_one_included()
    {
        var strategy = new ProbabilisticStrategy(1);
        strategy.BeginSchedule(0, 11);
        var counts = new int[FourThreads.Length];
        for (int step = 0; step < 80_000; step++) counts[strategy.Choose(FourThreads, 2, step)]++;
        // Running (index 2): kept half the time, plus a quarter of the switches; the others get an eighth each.
        Assert.InRange(counts[2], 80_000 * 0.60, 80_000 * 0.65);
        foreach (int other in new[] { 0, 1, 3 }) Assert.InRange(counts[other], 80_000 * 0.115, 80_000 * 0.135);
    }

    [Fact]
    public void A_single_enabled_thread_and_alternatives()
    {
        var strategy = new ProbabilisticStrategy();
        strategy.BeginSchedule(0, 1);
        Assert.Equal(0, strategy.Choose(new uint[] { 9 }, 0, 0));
        var seen = new bool[3];
        for (int step = 0; step < 300; step++) seen[strategy.ChooseAlternative(ChoiceKind.ReadFrom, 3, step)] = true;
        Assert.All(seen, Assert.True);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    public void Coin_flips_outside_1_to_62_are_refused(int coinFlips) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticStrategy(coinFlips));
}
