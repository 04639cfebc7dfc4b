using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

public sealed class ReplayTests
{
    private static readonly SimScenario Correct = new SpscChannelScenario(staleFullCheck: false);
    private static readonly SimScenario StaleFull = new SpscChannelScenario(staleFullCheck: true);

    /// <summary>Replaying a schedule's decisions gives the same kernel state hash after every step, for 1,000 seeds.</summary>
    [Fact]
    public void Replays_reproduce_every_step_bit_for_bit()
    {
        var original = new Simulation(StaleFull, new SimOptions(CheckInvariants: false), recordStateHashes: true);
        var replay = new Simulation(StaleFull, new SimOptions(CheckInvariants: false), recordStateHashes: true);
        var strategy = new RandomStrategy();
        for (int iteration = 0; iteration < 1000; iteration++)
        {
            strategy.BeginSchedule(iteration, DeterministicRandom.ScheduleSeed(7, iteration));
            RunResult first = original.Run(strategy);
            ulong[] expected = original.StateHashes.ToArray();
            RunResult again = replay.Run(new ReplayStrategy(first.Decisions));
            Assert.Equal(first.Outcome, again.Outcome);
            Assert.Equal(first.Decisions, again.Decisions);
            Assert.True(expected.SequenceEqual(replay.StateHashes), $"schedule {iteration}: state hashes differ at step {FirstDifference(expected, replay.StateHashes)}");
        }
    }

    [Fact]
    public void A_found_bug_replays_from_its_trace_file()
    {
        ExploreResult found = Explorer.Explore(StaleFull, new ExploreSettings(Iterations: 200, Seed: 3));
        Assert.NotNull(found.Trace);
        string path = Path.Combine(Path.GetTempPath(), $"kaal-replay-{System.Guid.NewGuid():N}.json");
        try
        {
            TraceFile.Write(path, found.Trace!);
            Trace trace = TraceFile.Read(path);
            Assert.Equal(found.Trace!.Decisions, trace.Decisions);
            RunResult replayed = new Simulation(StaleFull, trace.SimOptions).Run(new ReplayStrategy(trace.Decisions));
            Assert.Equal(RunOutcome.Deadlock, replayed.Outcome);
            Assert.Equal(found.FirstBug!.Report, replayed.Report);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Edited_decisions_are_reported_as_divergence_not_followed_silently()
    {
        ExploreResult found = Explorer.Explore(StaleFull, new ExploreSettings(Iterations: 200, Seed: 3));
        List<uint> edited = found.Trace!.Decisions.ToList();
        edited[5] = 999;
        var diverged = Assert.Throws<TraceDivergedException>(() => new Simulation(StaleFull, new SimOptions()).Run(new ReplayStrategy(edited)));
        Assert.Equal(5, diverged.Step);
        Assert.Contains("thread 999", diverged.Message);
        List<uint> truncated = found.Trace.Decisions.Take(10).ToList();
        Assert.Throws<TraceDivergedException>(() => new Simulation(StaleFull, new SimOptions()).Run(new ReplayStrategy(truncated)));
    }

    [Theory]
    [InlineData("{\"format\":\"kaal-trace\",\"version\":3}", "version 3 is not supported")]
    [InlineData("{\"format\":\"coyote\",\"version\":1}", "format is 'coyote'")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("{not json", "not JSON")]
    [InlineData("{\"format\":\"kaal-trace\",\"version\":1,\"decisions\":[1,\"x\"]}", "decisions[1] is \"x\"")]
    [InlineData("{\"format\":\"kaal-trace\",\"version\":1,\"decisions\":[1]}", "field 'scenario' is nothing")]
    [InlineData("{\"format\":\"kaal-trace\",\"version\":2,\"scenario\":\"spsc-channel\",\"strategy\":\"random\",\"seed\":0,\"iteration\":0,\"scheduleSeed\":0,\"maxSteps\":10,\"checkInvariants\":true,\"outcome\":\"Passed\",\"message\":\"\",\"memoryModel\":\"sc\",\"promiseBudget\":0,\"decisions\":[1],\"faults\":\"meteor:1\"}", "field 'faults': fault spec item 'meteor:1': unknown fault 'meteor'")]
    [InlineData("{\"format\":\"kaal-trace\",\"version\":2,\"scenario\":\"spsc-channel\",\"strategy\":\"random\",\"seed\":0,\"iteration\":0,\"scheduleSeed\":0,\"maxSteps\":10,\"checkInvariants\":true,\"outcome\":\"Passed\",\"message\":\"\",\"memoryModel\":\"sc\",\"promiseBudget\":0,\"decisions\":[1],\"faults\":7}", "field 'faults' is 7, expected a fault spec string")]
    public void Bad_trace_files_are_rejected_with_the_reason(string content, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kaal-bad-{System.Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, content);
            var error = Assert.Throws<TraceFormatException>(() => TraceFile.Read(path));
            Assert.Contains(expected, error.Message);
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Traces written before the ARMv8 model (version 1: thread numbers only) still replay, as
    /// sequentially consistent schedules.</summary>
    [Fact]
    public void Version_1_traces_are_read_as_sequentially_consistent()
    {
        ExploreResult found = Explorer.Explore(StaleFull, new ExploreSettings(Iterations: 200, Seed: 3));
        string path = Path.Combine(Path.GetTempPath(), $"kaal-v1-{System.Guid.NewGuid():N}.json");
        try
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(TraceFile.ToJson(found.Trace!).ToJsonString())!.AsObject();
            root["version"] = 1;
            root.Remove("memoryModel");
            root.Remove("promiseBudget");
            File.WriteAllText(path, root.ToJsonString());
            Trace trace = TraceFile.Read(path);
            Assert.Equal(MemoryModel.Sc, trace.MemoryModel);
            Assert.Equal(found.Trace!.Decisions, trace.Decisions);
            Assert.Equal(RunOutcome.Deadlock, new Simulation(StaleFull, trace.SimOptions).Run(new ReplayStrategy(trace.Decisions)).Outcome);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct:3")]
    [InlineData("delay-bounding:3")]
    [InlineData("portfolio")]
    public void Results_are_identical_for_any_number_of_workers(string strategy)
    {
        for (ulong seed = 0; seed < 8; seed++) AssertSameForWorkerCounts(strategy, seed);
    }

    private static void AssertSameForWorkerCounts(string strategy, ulong seed)
    {
        var one = Explorer.Explore(StaleFull, new ExploreSettings(StrategySettings.Parse(strategy), Iterations: 300, Seed: seed, Workers: 1, CheckInvariants: false));
        var two = Explorer.Explore(StaleFull, new ExploreSettings(StrategySettings.Parse(strategy), Iterations: 300, Seed: seed, Workers: 2, CheckInvariants: false));
        var three = Explorer.Explore(StaleFull, new ExploreSettings(StrategySettings.Parse(strategy), Iterations: 300, Seed: seed, Workers: 3, CheckInvariants: false));
        foreach (ExploreResult other in new[] { two, three })
        {
            Assert.Equal(one.Trace!.Iteration, other.Trace!.Iteration);
            Assert.Equal(one.Trace.Decisions, other.Trace.Decisions);
            Assert.Equal(one.Schedules, other.Schedules);
            Assert.Equal(one.Decisions, other.Decisions);
        }
    }

    [Fact]
    public void The_correct_channel_passes_on_two_workers()
    {
        var clean = Explorer.Explore(Correct, new ExploreSettings(Iterations: 120, Seed: 11, Workers: 2, CheckInvariants: false));
        Assert.Null(clean.FirstBug);
        Assert.Equal(120, clean.Schedules);
    }

    private static int FirstDifference(IReadOnlyList<ulong> a, IReadOnlyList<ulong> b)
    {
        int index = 0;
        while (index < a.Count && index < b.Count && a[index] == b[index]) index++;
        return index;
    }
}
