using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>
/// `kaal replay TRACE --html OUT.html` rendered by a real browser: headless Chromium runs the page's script, the
/// DOM it leaves has one step group per step of the schedule, the arrows and the highlighted failing step, and a
/// screenshot shows a picture (not a blank page). The page loads nothing from the network.
/// </summary>
[Collection("Console")]
public sealed class TimelineBrowserTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"kaal-timeline-{Guid.NewGuid():N}");

    public TimelineBrowserTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [ChromiumFact]
    public void A_deadlock_timeline_renders_every_step_with_wake_arrows()
    {
        (string html, int steps) = Render(FirstBug("spsc-channel-stale-full", "pct:10"));
        string dom = Chromium.DumpDom(html);
        Assert.Equal(steps, Regex.Matches(dom, "<g class=\"step\" data-step=\"[0-9]+\"").Count);
        Assert.Contains($"data-step=\"{steps - 1}\"", dom);
        Assert.Contains($"class=\"cause\" data-step=\"{steps - 1}\"", dom);
        Assert.Contains("class=\"arrow Wake\"", dom);
        Assert.Contains("producer (core 0)", dom);
        AssertNotBlank(Chromium.Screenshot(html, 1400, 700));
    }

    [ChromiumFact]
    public void A_weak_memory_timeline_shows_the_early_store_read_and_the_failure()
    {
        (string html, int steps) = Render(FirstBug("spsc-channel-missing-release-smp", "portfolio"));
        string dom = Chromium.DumpDom(html);
        Assert.Equal(steps, Regex.Matches(dom, "<g class=\"step\" data-step=\"[0-9]+\"").Count);
        Assert.Contains("class=\"arrow Load\"", dom);
        Assert.Contains("ev k-Promise", dom);
        Assert.Contains("ev k-Fail", dom);
        AssertNotBlank(Chromium.Screenshot(html, 1000, 600));
    }

    /// <summary>A correct run of 20 items: hundreds of steps, all of them drawn (zoomed out to fit a scrollable strip).</summary>
    [ChromiumFact]
    public void A_long_passing_timeline_renders_every_step()
    {
        (string html, int steps) = Render(PassingTrace(ScenarioCatalog.Find("spsc-channel")));
        Assert.True(steps > 200, $"only {steps} steps");
        string dom = Chromium.DumpDom(html);
        Assert.Equal(steps, Regex.Matches(dom, "<g class=\"step\" data-step=\"[0-9]+\"").Count);
        Assert.DoesNotContain("class=\"cause\"", dom);
        string page = File.ReadAllText(html);
        Assert.DoesNotMatch("(src|href)\\s*=\\s*\"?(https?:)?//", page);
        Assert.DoesNotContain("@import", page);
    }

    /// <summary>A liveness bug's page opens at the step its monitor went hot, long before the run's last step, and
    /// shows that step's events; the verdict is on the page.</summary>
    [ChromiumFact]
    public void A_liveness_timeline_highlights_the_step_the_monitor_went_hot_not_the_last()
    {
        string tracePath = Path.Combine(_folder, "liveness.json");
        (int runCode, string run, _) = Cli.Run("run", "--manifest", FailureReportTests.Planted("liveness"), "--trace", tracePath);
        Assert.Equal(1, runCode);
        int cause = FailureReportTests.CauseStep(FailureReportTests.LastLine(run));
        string html = Path.Combine(_folder, "liveness.html");
        (int code, _, string error) = Cli.Run("replay", tracePath, "--html", html);
        Assert.True(code == 1, error);
        string dom = Chromium.DumpDom(html);
        Match highlighted = Regex.Match(dom, "class=\"cause\" data-step=\"([0-9]+)\"");
        Assert.True(highlighted.Success, "no highlighted step");
        Assert.Equal(cause, int.Parse(highlighted.Groups[1].Value));
        int last = Regex.Matches(dom, "data-step=\"([0-9]+)\"").Select(match => int.Parse(match.Groups[1].Value)).Max();
        Assert.True(cause < last - 100, $"cause {cause}, last step {last}");
        Assert.Contains("ev k-Hot", dom);
        Assert.Contains($"cause, step {cause}:", dom);
        Assert.Contains("answerer monitor 'answer-sent' hot", dom);
        Assert.Contains("verdict: liveness monitor 'answer-sent'", dom);
    }

    private static Trace FirstBug(string scenarioName, string strategy) =>
        Explorer.Explore(ScenarioCatalog.Find(scenarioName), new ExploreSettings(StrategySettings.Parse(strategy), Iterations: 200, Seed: 7, CheckInvariants: false)).Trace
        ?? throw new Xunit.Sdk.XunitException($"{scenarioName}: no bug in 200 schedules");

    /// <summary>Writes the trace, replays it with --html; returns the page and the schedule's step count.</summary>
    private (string Html, int Steps) Render(Trace trace)
    {
        string tracePath = Path.Combine(_folder, "trace.json");
        TraceFile.Write(tracePath, trace);
        string html = Path.Combine(_folder, "timeline.html");
        (int code, string output, string error) = Cli.Run("replay", tracePath, "--html", html);
        Assert.True(code is 0 or 1, $"replay exited {code}: {error}");
        Assert.Contains("timeline: ", output);
        RunResult replayed = new Simulation(ScenarioCatalog.Find(trace.Scenario), trace.SimOptions).Run(new ReplayStrategy(trace.Decisions));
        return (html, replayed.Steps);
    }

    private static Trace PassingTrace(SimScenario scenario)
    {
        var strategy = new RandomStrategy();
        strategy.BeginSchedule(0, 7);
        RunResult run = new Simulation(scenario, new SimOptions(CheckInvariants: false)).Run(strategy);
        return new Trace(scenario.Name, strategy.Name, 7, 0, 7, 10_000, false, run.Decisions, run.Outcome.ToString(), run.Message, scenario.MemoryModel, SimOptions.DefaultPromiseBudget);
    }

    /// <summary>A page with content: many pixels differ from the background and several colours are used.</summary>
    private static void AssertNotBlank(byte[] png)
    {
        PngImage image = PngImage.Decode(png);
        int background = image.Pixel(image.Width - 1, image.Height - 1);
        int different = 0;
        var colours = new HashSet<int>();
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int pixel = image.Pixel(x, y);
                if (pixel != background) different++;
                colours.Add(pixel);
            }
        }
        Assert.True(different > image.Width * image.Height / 50, $"only {different} of {image.Width * image.Height} pixels differ from the background");
        Assert.True(colours.Count >= 8, $"only {colours.Count} colours");
    }
}
