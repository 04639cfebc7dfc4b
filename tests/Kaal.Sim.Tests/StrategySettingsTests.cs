using System;
using Kaal.Sim.Exploration;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>The typed strategy settings: the text form reads into them and back, they build the same strategies the
/// text did, and a wrong spec is refused naming the offending text.</summary>
public sealed class StrategySettingsTests
{
    [Theory]
    [InlineData("random")]
    [InlineData("probabilistic")]
    [InlineData("probabilistic:5")]
    [InlineData("pct")]
    [InlineData("pct:3")]
    [InlineData("pct:3:200")]
    [InlineData("delay-bounding")]
    [InlineData("delay-bounding:0")]
    [InlineData("delay-bounding:2:50")]
    [InlineData("dfs")]
    [InlineData("dfs:400")]
    [InlineData("dfs:1000:preemptions=2")]
    [InlineData("dfs:1000:no-reduction")]
    [InlineData("portfolio")]
    [InlineData("fair:100:pct:3")]
    public void A_spec_reads_into_settings_and_back(string spec)
    {
        StrategySettings settings = StrategySettings.Parse(spec);
        Assert.Equal(spec, settings.Spec);
        Assert.Equal(settings, StrategySettings.Parse(settings.Spec));
    }

    [Fact]
    public void Typed_settings_are_what_their_text_says()
    {
        Assert.Equal(new PctStrategySettings(3), StrategySettings.Parse(" PCT:3 "));
        Assert.Equal(new FairStrategySettings(10, new DfsStrategySettings(400, PreemptionBound: 2)), StrategySettings.Parse("fair:10:dfs:400:preemptions=2"));
        Assert.Equal("fair:1000:portfolio", new ExploreSettings(new PortfolioStrategySettings()).RunStrategy.Spec);
        Assert.Equal("random", new ExploreSettings().RunStrategy.Spec);
        Assert.True(new FairStrategySettings(5, new DfsStrategySettings()).IsSequential);
        Assert.False(new RandomStrategySettings().CanStarve);
    }

    [Theory]
    [InlineData("pct:3")]
    [InlineData("delay-bounding:1")]
    [InlineData("probabilistic:2")]
    [InlineData("dfs:50")]
    [InlineData("fair:20:random")]
    public void Typed_settings_build_the_strategy_their_text_names(string spec)
    {
        IStrategy typed = StrategySettings.Parse(spec).Create(100);
        Assert.Equal(StrategyFactory.Create(spec, 100).GetType(), typed.GetType());
        Assert.Equal(StrategyFactory.Create(spec, 100).Name, typed.Name);
    }

    [Theory]
    [InlineData("pct:zero", "strategy 'pct:zero': PCT depth 'zero' is not a whole number >= 1")]
    [InlineData("rnd", "unknown strategy 'rnd' in 'rnd'")]
    [InlineData("fair:10:fair:5:random", "strategy 'fair:10:fair:5:random': fair cannot wrap 'fair:5:random'")]
    [InlineData("dfs:10:sideways", "strategy 'dfs:10:sideways': 'sideways' is not a DFS option")]
    public void A_wrong_spec_is_refused_naming_the_offending_text(string spec, string expected)
    {
        var error = Assert.Throws<StrategySpecException>(() => StrategySettings.Parse(spec));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_fair_that_nests_is_refused_when_built()
    {
        var nested = new FairStrategySettings(10, new FairStrategySettings(5, new RandomStrategySettings()));
        var error = Assert.Throws<StrategySpecException>(() => new ExploreSettings(nested).Validate());
        Assert.Contains("fair cannot wrap 'fair:5:random'", error.Message, StringComparison.Ordinal);
    }
}
