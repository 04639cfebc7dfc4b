using System.Text;
using Kaal.Sdk.Sel4Test;
using Xunit;

namespace Kaal.Sdk.Tests.Sel4Test;

/// <summary>What <see cref="Sel4TestWriter"/> writes (the kernel's self-test and test components) is what
/// <see cref="ProtocolLine"/> and <see cref="Sel4TestProtocol"/> read back, field for field.</summary>
public sealed class Sel4TestProtocolRoundTripTests
{
    private struct TextSink : ITextSink
    {
        public StringBuilder Text;

        public void Write(string text) => Text.Append(text);

        public void WriteDecimal(ulong value) => Text.Append(value);
    }

    private delegate void LineWriter(ref TextSink sink);

    private static string Line(LineWriter write)
    {
        var sink = new TextSink { Text = new StringBuilder() };
        write(ref sink);
        return sink.Text.ToString();
    }

    [Fact]
    public void A_whole_passing_report_parses_back_to_its_tests_and_summary()
    {
        string report = string.Join("\n",
            "boot banner",
            Line((ref TextSink sink) => Sel4TestWriter.Starting(ref sink, 0, "untyped_retype")),
            Line((ref TextSink sink) => Sel4TestWriter.Result(ref sink, "untyped_retype", passed: true)),
            Line((ref TextSink sink) => Sel4TestWriter.Starting(ref sink, 1, "endpoint_call")),
            "  first failed check: 3",
            Line((ref TextSink sink) => Sel4TestWriter.Result(ref sink, "endpoint_call", passed: false)),
            Line((ref TextSink sink) => Sel4TestWriter.SuitePassed(ref sink, 12, 2)));

        Sel4TestProtocol parsed = Sel4TestProtocol.Parse(report);

        Assert.Equal(
            [new Sel4TestProtocol.TestResult(0, "untyped_retype", true), new Sel4TestProtocol.TestResult(1, "endpoint_call", false)],
            parsed.Tests);
        Assert.Equal((12, 2), parsed.SuitePassed);
        Assert.False(parsed.FailuresDetected);
        Assert.False(parsed.KernelPanicked);
    }

    [Fact]
    public void Each_line_classifies_as_the_kind_it_was_written_as()
    {
        ProtocolLine starting = ProtocolLine.Classify(Line((ref TextSink sink) => Sel4TestWriter.Starting(ref sink, 51615, "a_b")));
        Assert.Equal((ProtocolLineKind.TestStarted, 51615, "a_b"), (starting.Kind, starting.Number, starting.Name));

        ProtocolLine counted = ProtocolLine.Classify(Line((ref TextSink sink) => Sel4TestWriter.FailuresDetected(ref sink, 2, 7)));
        Assert.Equal((ProtocolLineKind.FailuresDetected, 2, 7), (counted.Kind, counted.Count, counted.OtherCount));

        ProtocolLine uncounted = ProtocolLine.Classify(Line((ref TextSink sink) => Sel4TestWriter.FailuresDetected(ref sink)));
        Assert.Equal((ProtocolLineKind.FailuresDetected, -1, -1), (uncounted.Kind, uncounted.Count, uncounted.OtherCount));

        ProtocolLine panic = ProtocolLine.Classify(Line((ref TextSink sink) => Sel4TestWriter.KernelPanic(ref sink, "data abort")));
        Assert.Equal(ProtocolLineKind.KernelPanic, panic.Kind);
        Assert.True(Sel4TestProtocol.Parse(panic.Text).KernelPanicked);
    }

    [Fact]
    public void The_written_lines_are_the_documented_protocol()
    {
        // DESIGN.md decision 6 and the boards' transcripts: the exact bytes, so a change to the writer is a protocol change.
        Assert.Equal("Starting test 3: x", Line((ref TextSink sink) => Sel4TestWriter.Starting(ref sink, 3, "x")));
        Assert.Equal("Test x failed", Line((ref TextSink sink) => Sel4TestWriter.Result(ref sink, "x", passed: false)));
        Assert.Equal("Test suite passed. 5 tests passed. 0 tests disabled.", Line((ref TextSink sink) => Sel4TestWriter.SuitePassed(ref sink, 5, 0)));
        Assert.Equal("*** FAILURES DETECTED *** (1 of 5 tests failed)", Line((ref TextSink sink) => Sel4TestWriter.FailuresDetected(ref sink, 1, 5)));
        Assert.Equal("*** KERNEL PANIC: why", Line((ref TextSink sink) => Sel4TestWriter.KernelPanic(ref sink, "why")));
    }
}
