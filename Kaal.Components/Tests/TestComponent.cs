using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Sel4Test;

namespace Kaal.Components.Tests;

/// <summary>
/// A component that runs tests and reports them in sel4test's protocol (DESIGN decision 6; the lines are
/// <see cref="Sel4TestWriter"/>'s): `Starting test N: NAME`, `Test NAME passed|failed`, then `Test suite passed. N
/// tests passed. 0 tests disabled.` or `*** FAILURES DETECTED ***`. A test returns null when it passed, or what went
/// wrong.
/// </summary>
public abstract class TestComponent : Component
{
    protected abstract IReadOnlyList<(string Name, Func<Task<string?>> Run)> Tests { get; }

    public override async Task RunAsync()
    {
        int failed = 0;
        for (int index = 0; index < Tests.Count; index++)
        {
            (string name, Func<Task<string?>> run) = Tests[index];
            var starting = new LineText();
            Sel4TestWriter.Starting(ref starting, (ulong)(index + 1), name);
            await Console.WriteLineAsync(starting.Text);
            string? problem = await run();
            if (problem is not null)
            {
                failed++;
                await Console.WriteLineAsync($"{name}: {problem}");
            }
            var result = new LineText();
            Sel4TestWriter.Result(ref result, name, problem is null);
            await Console.WriteLineAsync(result.Text);
        }
        var summary = new LineText();
        if (failed == 0) Sel4TestWriter.SuitePassed(ref summary, (ulong)Tests.Count, 0);
        else Sel4TestWriter.FailuresDetected(ref summary);
        await Console.WriteLineAsync(summary.Text);
    }

    /// <summary>One protocol line as text, for the component's console.</summary>
    private struct LineText : ITextSink
    {
        public string Text { get; private set; }

        public LineText() => Text = "";

        public void Write(string text) => Text += text;

        public void WriteDecimal(ulong value) => Text += value.ToString();
    }

    /// <summary>"expected X, got Y" when they differ. One overload per type a test compares, each writing its values
    /// the same way in the simulator and on the CPU (enums by name: the EL0 image has no reflection).</summary>
    protected static string? Expect(ulong actual, ulong expected, string what) =>
        actual == expected ? null : Mismatch(what, expected.ToString(), actual.ToString());

    protected static string? Expect(KernelError actual, KernelError expected, string what) =>
        actual == expected ? null : Mismatch(what, expected.Name(), actual.Name());

    protected static string? Expect(ErrorReason actual, ErrorReason expected, string what) =>
        actual == expected ? null : Mismatch(what, expected.Name(), actual.Name());

    private static string Mismatch(string what, string expected, string actual) => $"{what}: expected {expected}, got {actual}";
}
