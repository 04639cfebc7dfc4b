using System;
using System.IO;
using Kaal.Sim.Exploration;
using Kaal.Sim.Strategies;
using Kaal.Sim.Scenarios;
using Xunit;

namespace KaalSystem.Tests;

/// <summary>The whole system of components.toml, booted by the root task and system_init, explored schedule by schedule.</summary>
public sealed class SystemTests
{
    private static SystemScenario System() => SystemScenario.FromFile(
        Path.Combine(AppContext.BaseDirectory, "components.toml"),
        typeof(CounterService).Assembly,                              // this project's components
        typeof(Kaal.Components.Supervision.SystemInit).Assembly);     // system_init and the drivers

    [Fact]
    public void No_schedule_loses_an_add() =>
        ScenarioAssert.NoBugs(System(), new ExploreSettings(new PortfolioStrategySettings(), Iterations: 200));
}
