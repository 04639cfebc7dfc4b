using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Sel4Test;

namespace Kaal.Hil.Suites;

/// <summary>
/// Follows a suite's console line by line: which test runs, what it printed, how each ended, the summary, a
/// panic, resets. It knows no clock and no QEMU (the runner feeds it times and events), so every rule here is
/// testable on plain text. A test start whose number is not above the previous one means the guest started
/// over: a new boot, and the test that was running is marked interrupted.
/// </summary>
internal sealed class SuiteTracker
{
    private readonly List<TestCaseResult> _tests = new();
    private readonly List<GuestReset> _resets = new();
    private readonly List<string> _protocolProblems = new();
    private readonly List<string> _missingExpected;
    private readonly bool _everyLineIsProgress;
    private RunningTest? _current;
    private int _lastStartedNumber = -1;

    /// <param name="everyLineIsProgress">A whole system's console has no protocol of its own: any line shows it is
    /// alive, so the test timeout counts from the last line.</param>
    public SuiteTracker(IReadOnlyList<string> expectedLinePrefixes, bool everyLineIsProgress = false)
    {
        _missingExpected = expectedLinePrefixes.ToList();
        _everyLineIsProgress = everyLineIsProgress;
    }

    /// <summary>1 for the first boot; one more each time the guest starts its tests over.</summary>
    public int Boot { get; private set; } = 1;

    /// <summary>The summary line of the current boot, once it came.</summary>
    public ProtocolLine? Summary { get; private set; }

    /// <summary>The panic header and every line after it, once the kernel panicked.</summary>
    public List<string>? PanicLines { get; private set; }

    /// <summary>When the protocol last moved (a start, a result, a summary, a panic); the test timeout counts from here.</summary>
    public TimeSpan LastProgressAt { get; private set; }

    public string? CurrentTest => _current?.Name;

    public IReadOnlyList<TestCaseResult> Tests => _tests;

    public IReadOnlyList<GuestReset> Resets => _resets;

    public IReadOnlyList<string> ProtocolProblems => _protocolProblems;

    public IReadOnlyList<string> MissingExpectedLines => _missingExpected;

    public ProtocolLine OnLine(string text, TimeSpan at)
    {
        if (PanicLines != null)
        {
            PanicLines.Add(text); // everything after the header is the dump
            return new ProtocolLine(ProtocolLineKind.Other, text);
        }
        _missingExpected.RemoveAll(prefix => text.StartsWith(prefix, StringComparison.Ordinal));
        if (_everyLineIsProgress) LastProgressAt = at;
        ProtocolLine line = ProtocolLine.Classify(text);
        switch (line.Kind)
        {
            case ProtocolLineKind.TestStarted:
                if (_lastStartedNumber >= 0 && line.Number <= _lastStartedNumber)
                {
                    StartNewBoot(at);
                }
                if (_current != null)
                {
                    _protocolProblems.Add($"'{text}' came while {_current.Name} had no result line");
                    Finish(TestStatus.Failed, $"no result line before test {line.Number} ({line.Name}) started", at);
                }
                _current = new RunningTest(Boot, line.Number, line.Name, at);
                _lastStartedNumber = line.Number;
                LastProgressAt = at;
                break;
            case ProtocolLineKind.TestResult:
                if (_current != null && _current.Name == line.Name)
                {
                    Finish(line.Passed ? TestStatus.Passed : TestStatus.Failed, line.Passed ? null : FailureMessage(_current), at);
                }
                else
                {
                    _protocolProblems.Add($"'{text}' matches no running test{(_current == null ? "" : $" (running: {_current.Name})")}");
                }
                LastProgressAt = at;
                break;
            case ProtocolLineKind.SuitePassed:
            case ProtocolLineKind.FailuresDetected:
                if (_current != null)
                {
                    _protocolProblems.Add($"the summary came while {_current.Name} had no result line");
                    Finish(TestStatus.Failed, "no result line before the suite summary", at);
                }
                Summary = line;
                LastProgressAt = at;
                break;
            case ProtocolLineKind.KernelPanic:
                PanicLines = [text];
                LastProgressAt = at;
                break;
            default:
                _current?.Output.Add(text);
                break;
        }
        return line;
    }

    /// <summary>QEMU reported a RESET (the reason is QEMU's: host-qmp-system-reset, guest-reset, ...).</summary>
    public void OnReset(string reason) => _resets.Add(new GuestReset(Boot, reason, _current?.Name));

    /// <summary>The run ended abnormally: the running test, if any, takes the blame.</summary>
    public void EndRunningTest(TestStatus status, string message, TimeSpan at)
    {
        if (_current != null)
        {
            Finish(status, message, at);
        }
    }

    private void StartNewBoot(TimeSpan at)
    {
        GuestReset? reset = _resets.LastOrDefault(candidate => candidate.Boot == Boot);
        if (reset == null)
        {
            reset = new GuestReset(Boot, "the tests started over without a reset event (the guest restarted itself?)", _current?.Name);
            _resets.Add(reset);
        }
        if (_current != null)
        {
            Finish(TestStatus.Interrupted, $"the guest was reset ({reset.Reason}) before the test reported; boot {Boot + 1} followed", at);
        }
        Boot++;
        Summary = null;
        _lastStartedNumber = -1;
    }

    private void Finish(TestStatus status, string? message, TimeSpan at)
    {
        RunningTest test = _current!;
        _tests.Add(new TestCaseResult(test.Boot, test.Number, test.Name, status, at - test.StartedAt, test.Output, message));
        _current = null;
    }

    private static string FailureMessage(RunningTest test) =>
        test.Output.Count == 0 ? $"Test {test.Name} failed" : $"Test {test.Name} failed: {string.Join(" | ", test.Output.Select(line => line.Trim()))}";

    private sealed record RunningTest(int Boot, int Number, string Name, TimeSpan StartedAt)
    {
        public List<string> Output { get; } = new();
    }
}
