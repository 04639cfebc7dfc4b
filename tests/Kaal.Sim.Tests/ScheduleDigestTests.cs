using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Kaal.Sim.Exploration;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>
/// What every schedule of the default system does, pinned: for each campaign below, one line per schedule with a
/// digest of its decisions, its verdict (outcome, steps, message) and its console output, and for every tenth schedule a
/// digest of its events (the step log, rebuilt by replaying the decisions with the log on). The file was recorded from
/// main before the simulator's speed work (issue 21); an optimization that changes any schedule fails here, naming the
/// first schedule that differs. Regenerate it only when a change deliberately changes what schedules do (say so in the
/// commit): <c>KAAL_RECORD_DIGESTS=1 dotnet test tests/Kaal.Sim.Tests --filter ScheduleDigestTests</c>.
/// Invariant checks are off, as in <c>kaal bench sim</c>: they decide nothing, and the CI cost stays a few seconds.
/// </summary>
public sealed class ScheduleDigestTests
{
    /// <summary>A name, the settings the explorer would run with, how many schedules.</summary>
    public sealed record Campaign(string Name, ExploreSettings Settings);

    public static readonly Campaign[] Campaigns =
    {
        new("default-portfolio", new ExploreSettings(Strategy: new PortfolioStrategySettings(), Iterations: 1000, Seed: 0x5EED, CheckInvariants: false)),
        new("default-swarm", new ExploreSettings(Strategy: new RandomStrategySettings(), Iterations: 200, Seed: 0x5EED, CheckInvariants: false, Faults: FaultSettings.Parse("swarm"))),
    };

    private const int EventsEverySchedules = 10;

    public static TheoryData<string> CampaignNames()
    {
        var names = new TheoryData<string>();
        foreach (Campaign campaign in Campaigns) names.Add(campaign.Name);
        return names;
    }

    [Theory]
    [MemberData(nameof(CampaignNames))]
    public void Every_schedule_of_the_default_system_is_as_recorded(string name)
    {
        Campaign campaign = Array.Find(Campaigns, candidate => candidate.Name == name)!;
        string path = PathOf(name);
        List<string> actual = Digests(campaign);
        if (Environment.GetEnvironmentVariable("KAAL_RECORD_DIGESTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllLines(path, actual);
        }
        Assert.True(File.Exists(path), $"{path} is missing: record it with KAAL_RECORD_DIGESTS=1 (see {nameof(ScheduleDigestTests)})");
        string[] expected = File.ReadAllLines(path);
        for (int line = 0; line < Math.Min(expected.Length, actual.Count); line++)
        {
            Assert.True(expected[line] == actual[line], $"{path}:{line + 1}: expected{Environment.NewLine}  {expected[line]}{Environment.NewLine}got{Environment.NewLine}  {actual[line]}");
        }
        Assert.Equal(expected.Length, actual.Count);
    }

    /// <summary>The explorer itself, with two workers, runs the same schedules: its coverage digest is the sum of the
    /// recorded schedules' decision digests.</summary>
    [Theory]
    [MemberData(nameof(CampaignNames))]
    public void The_explorer_with_two_workers_runs_the_recorded_schedules(string name)
    {
        Campaign campaign = Array.Find(Campaigns, candidate => candidate.Name == name)!;
        string path = PathOf(name);
        ulong expected = 0;
        foreach (string line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#')) continue;
            string decisions = Array.Find(line.Split(' '), field => field.StartsWith("d=", StringComparison.Ordinal))!;
            expected += Convert.ToUInt64(decisions.Substring(2), 16);
        }
        SystemScenario scenario = SystemRun.Scenario(SystemRun.RepositoryManifestText, "components.toml");
        ExploreResult result = Explorer.Explore(scenario, campaign.Settings with { Workers = 2 });
        Assert.Null(result.FirstBug);
        Assert.Equal(campaign.Settings.Iterations, result.Schedules);
        Assert.Equal($"{expected:X16}", $"{result.CoverageDigest:X16}");
    }

    private static string PathOf(string campaign) => Path.Combine(SystemRun.RepositoryRoot(), "tests", "Kaal.Sim.Tests", "digests", campaign + ".digests");

    /// <summary>The campaign's lines: a header naming the settings, then one line per schedule, run as the explorer's
    /// single worker runs them (schedule i with seed ScheduleSeed(seed, i), one strategy instance, one simulation).</summary>
    public static List<string> Digests(Campaign campaign)
    {
        ExploreSettings settings = campaign.Settings;
        SystemScenario scenario = SystemRun.Scenario(SystemRun.RepositoryManifestText, "components.toml");
        var lines = new List<string> { $"# {campaign.Name}: {settings.RunStrategy}, seed 0x{settings.Seed:X}, faults '{settings.Faults?.Spec}', invariants {settings.CheckInvariants}" };
        IStrategy strategy = settings.RunStrategy.Create(CalibratedLength(scenario, settings));
        SimOptions options = settings.ToSimOptions(settings.CheckInvariants);
        var simulation = new Simulation(scenario, options);
        var withLog = new Simulation(scenario, options, keepStepLog: true);
        for (int iteration = 0; iteration < settings.Iterations; iteration++)
        {
            ulong seed = DeterministicRandom.ScheduleSeed(settings.Seed, iteration);
            Assert.True(strategy.BeginSchedule(iteration, seed));
            RunResult result = simulation.Run(strategy, seed);
            string line = $"{iteration} {result.Outcome} {result.Steps} d={CoverageDigest.Of(iteration, result.Decisions):X16} " +
                $"m={Hash(result.Message):X16} c={Hash(simulation.ConsoleText):X16}";
            if (iteration % EventsEverySchedules == 0)
            {
                RunResult replayed = withLog.Run(new ReplayStrategy(result.Decisions), seed);
                Assert.Equal(result.Outcome, replayed.Outcome);
                line += $" e={Hash(string.Join("\n", withLog.StepLog)):X16}";
            }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>As the explorer calibrates k for strategies that spread preemptions: the length of the run with none.</summary>
    private static int CalibratedLength(SimScenario scenario, ExploreSettings settings)
    {
        var probe = new DelayBoundingStrategy(maxDelays: 0, lengthEstimateSteps: 1);
        probe.BeginSchedule(0, 0);
        return Math.Max(1, new Simulation(scenario, settings.ToSimOptions(checkInvariants: false)).Run(probe).Steps);
    }

    /// <summary>FNV-1a over the UTF-8 bytes: stable across processes (string.GetHashCode is not).</summary>
    private static ulong Hash(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte value in Encoding.UTF8.GetBytes(text)) hash = (hash ^ value) * 0x100000001B3UL;
        return hash;
    }
}
