using System;
using System.Collections.Generic;

namespace Kaal.Sdk.Sel4Test;

/// <summary>
/// The sel4test-style report of a whole console transcript (DESIGN.md decision 6): the tests in order with
/// their verdicts, the summary and whether the kernel panicked. Other lines are ignored. For a stream read
/// as it arrives, the suite runner classifies line by line with <see cref="ProtocolLine.Classify"/>.
/// </summary>
public sealed class Sel4TestProtocol
{
    public sealed record TestResult(int Number, string Name, bool? Passed);

    public List<TestResult> Tests { get; } = new();

    /// <summary>"Test suite passed. N tests passed. M tests disabled." as (N, M), if present.</summary>
    public (int Passed, int Disabled)? SuitePassed { get; private set; }

    public bool FailuresDetected { get; private set; }

    public bool KernelPanicked { get; private set; }

    /// <exception cref="FormatException">a result line without its start line: the transcript is not well formed.</exception>
    public static Sel4TestProtocol Parse(string output)
    {
        var protocol = new Sel4TestProtocol();
        foreach (string rawLine in output.Split('\n'))
        {
            ProtocolLine line = ProtocolLine.Classify(rawLine.TrimEnd('\r'));
            switch (line.Kind)
            {
                case ProtocolLineKind.TestStarted:
                    protocol.Tests.Add(new TestResult(line.Number, line.Name, null));
                    break;
                case ProtocolLineKind.TestResult:
                    int last = protocol.Tests.Count - 1;
                    if (last < 0 || protocol.Tests[last].Name != line.Name || protocol.Tests[last].Passed != null)
                    {
                        throw new FormatException($"result line without a matching 'Starting test' line: {line.Text}");
                    }
                    protocol.Tests[last] = protocol.Tests[last] with { Passed = line.Passed };
                    break;
                case ProtocolLineKind.SuitePassed:
                    protocol.SuitePassed = (line.Count, line.OtherCount);
                    break;
                case ProtocolLineKind.FailuresDetected:
                    protocol.FailuresDetected = true;
                    break;
                case ProtocolLineKind.KernelPanic:
                    protocol.KernelPanicked = true;
                    break;
            }
        }
        return protocol;
    }
}
