using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Hil.Protocol;

namespace Kaal.Hil.Suites;

/// <summary>
/// The sel4test lines of a whole system's console, where each component prefixes its lines with `[name] `
/// (Kaal.Sdk's console): one tracker per component, the same rules as a kernel suite, and one suite result whose
/// test names are `component/TEST`. The simulator (`kaal run --junit`) and the HIL harness thus report components'
/// tests identically (DESIGN decision 6). No clock: durations are zero and the start is the Unix epoch, so the same
/// run writes the same report.
/// </summary>
public static class ComponentConsoleSuite
{
    public static SuiteResult FromLines(string suite, string target, IReadOnlyList<string> lines)
    {
        var trackers = new SortedDictionary<string, SuiteTracker>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            if (!ComponentLine.TryParse(line, out ComponentLine printed)) continue;
            (string component, string text) = printed;
            if (!trackers.TryGetValue(component, out SuiteTracker? tracker))
            {
                tracker = new SuiteTracker(Array.Empty<string>());
                trackers.Add(component, tracker);
            }
            tracker.OnLine(text, TimeSpan.Zero);
        }
        var tests = new List<TestCaseResult>();
        var problems = new List<string>();
        foreach ((string component, SuiteTracker tracker) in trackers)
        {
            tracker.EndRunningTest(TestStatus.Interrupted, "the component stopped before the test reported", TimeSpan.Zero);
            tests.AddRange(tracker.Tests.Select(test => test with { Name = $"{component}/{test.Name}" }));
            problems.AddRange(tracker.ProtocolProblems.Select(problem => $"{component}: {problem}"));
            bool started = tracker.Tests.Count > 0;
            if (started && tracker.Summary is null) problems.Add($"{component}: no summary line");
        }
        bool passed = tests.All(test => test.Status == TestStatus.Passed) && problems.Count == 0;
        return new SuiteResult
        {
            Suite = suite,
            Target = target,
            ImagePath = "",
            Outcome = passed ? SuiteOutcome.Passed : SuiteOutcome.Failed,
            Summary = $"{tests.Count(test => test.Status == TestStatus.Passed)} of {tests.Count} tests passed in {trackers.Count(entry => entry.Value.Tests.Count > 0)} component(s)",
            Tests = tests,
            ProtocolProblems = problems,
            Transcript = lines,
            StartedAt = DateTimeOffset.UnixEpoch,
            Elapsed = TimeSpan.Zero,
        };
    }
}
