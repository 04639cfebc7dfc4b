using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// The sel4test-style lines a kernel self-test prints (DESIGN.md decision 6), parsed from console output.
/// Other lines (boot banner, diagnostics, figures) are ignored.
/// </summary>
public sealed partial class Sel4TestProtocol
{
    public sealed record TestResult(int Number, string Name, bool? Passed);

    public List<TestResult> Tests { get; } = new();

    /// <summary>"Test suite passed. N tests passed. M tests disabled." as (N, M), if present.</summary>
    public (int Passed, int Disabled)? SuitePassed { get; private set; }

    public bool FailuresDetected { get; private set; }

    public static Sel4TestProtocol Parse(string output)
    {
        var protocol = new Sel4TestProtocol();
        foreach (string rawLine in output.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            Match match;
            if ((match = StartingLine().Match(line)).Success)
            {
                protocol.Tests.Add(new TestResult(int.Parse(match.Groups[1].Value), match.Groups[2].Value, null));
            }
            else if ((match = ResultLine().Match(line)).Success)
            {
                int last = protocol.Tests.Count - 1;
                if (last < 0 || protocol.Tests[last].Name != match.Groups[1].Value || protocol.Tests[last].Passed != null)
                {
                    throw new FormatException($"result line without a matching 'Starting test' line: {line}");
                }
                protocol.Tests[last] = protocol.Tests[last] with { Passed = match.Groups[2].Value == "passed" };
            }
            else if ((match = SuitePassedLine().Match(line)).Success)
            {
                protocol.SuitePassed = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
            }
            else if (line.StartsWith("*** FAILURES DETECTED ***", StringComparison.Ordinal))
            {
                protocol.FailuresDetected = true;
            }
        }
        return protocol;
    }

    [GeneratedRegex(@"^Starting test (\d+): (\S+)$")]
    private static partial Regex StartingLine();

    [GeneratedRegex(@"^Test (\S+) (passed|failed)$")]
    private static partial Regex ResultLine();

    [GeneratedRegex(@"^Test suite passed\. (\d+) tests passed\. (\d+) tests disabled\.$")]
    private static partial Regex SuitePassedLine();
}
