using System.Text.RegularExpressions;

namespace Kaal.Sdk.Sel4Test;

/// <summary>
/// One console line classified under the sel4test protocol (as <see cref="Sel4TestWriter"/> writes it): the test number and name of a start line, the
/// verdict of a result line, the counts of a summary line. Matching is exact and anchored, so a test's own
/// output cannot be mistaken for a protocol line unless it prints one.
/// </summary>
public sealed partial record ProtocolLine(ProtocolLineKind Kind, string Text)
{
    /// <summary>TestStarted: its number.</summary>
    public int Number { get; private init; }

    /// <summary>TestStarted and TestResult: the test's name.</summary>
    public string Name { get; private init; } = "";

    /// <summary>TestResult: passed or failed.</summary>
    public bool Passed { get; private init; }

    /// <summary>SuitePassed: tests passed; FailuresDetected: tests failed (-1 when the line does not say).</summary>
    public int Count { get; private init; }

    /// <summary>SuitePassed: tests disabled; FailuresDetected: tests run (-1 when the line does not say).</summary>
    public int OtherCount { get; private init; }

    public static ProtocolLine Classify(string line)
    {
        Match match;
        if ((match = StartingLine().Match(line)).Success && int.TryParse(match.Groups[1].Value, out int number))
        {
            return new ProtocolLine(ProtocolLineKind.TestStarted, line) { Number = number, Name = match.Groups[2].Value };
        }
        if ((match = ResultLine().Match(line)).Success)
        {
            return new ProtocolLine(ProtocolLineKind.TestResult, line) { Name = match.Groups[1].Value, Passed = match.Groups[2].Value == "passed" };
        }
        if ((match = SuitePassedLine().Match(line)).Success
            && int.TryParse(match.Groups[1].Value, out int passed) && int.TryParse(match.Groups[2].Value, out int disabled))
        {
            return new ProtocolLine(ProtocolLineKind.SuitePassed, line) { Count = passed, OtherCount = disabled };
        }
        if (line.StartsWith(Sel4TestWriter.FailuresMarker, System.StringComparison.Ordinal))
        {
            match = FailureCounts().Match(line);
            int failed = -1, run = -1;
            bool counted = match.Success && int.TryParse(match.Groups[1].Value, out failed) && int.TryParse(match.Groups[2].Value, out run);
            return new ProtocolLine(ProtocolLineKind.FailuresDetected, line) { Count = counted ? failed : -1, OtherCount = counted ? run : -1 };
        }
        if (line.StartsWith(Sel4TestWriter.PanicMarker, System.StringComparison.Ordinal))
        {
            return new ProtocolLine(ProtocolLineKind.KernelPanic, line);
        }
        return new ProtocolLine(ProtocolLineKind.Other, line);
    }

    [GeneratedRegex(@"^Starting test (\d+): (\S+)$")]
    private static partial Regex StartingLine();

    [GeneratedRegex(@"^Test (\S+) (passed|failed)$")]
    private static partial Regex ResultLine();

    [GeneratedRegex(@"^Test suite passed\. (\d+) tests passed\. (\d+) tests disabled\.$")]
    private static partial Regex SuitePassedLine();

    [GeneratedRegex(@"\((\d+) of (\d+) tests failed\)")]
    private static partial Regex FailureCounts();
}
