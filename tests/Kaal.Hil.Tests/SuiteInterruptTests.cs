using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>A run stopped from outside (its token cancelled, as SIGINT/SIGTERM do in kaal): the tests that finished,
/// the running one marked interrupted, the outcome Interrupted, and a JUnit report that says so.</summary>
public sealed class SuiteInterruptTests
{
    private const string Console = "KaaL kernel\nStarting test 0: FIRST\nTest FIRST passed\nStarting test 1: SECOND\nworking on it\n";

    [Fact]
    public async Task An_interrupt_mid_test_reports_the_finished_tests_and_marks_the_running_one()
    {
        using var board = new FakeBoard(Console);
        using var interrupt = new CancellationTokenSource();
        var options = new SuiteRunOptions
        {
            OnLine = (context, _) =>
            {
                if (context.Line.Text == "working on it")
                {
                    interrupt.Cancel(); // as the CLI's SIGINT handler does, while SECOND runs
                }
                return Task.CompletedTask;
            },
        };
        SuiteResult result = await SuiteRunner.RunAsync(HilSuiteCatalog.Kernel, "/nowhere/kernel8.img", new SerialBoardTarget(board.SocketPath), options, interrupt.Token);

        Assert.True(result.Outcome == SuiteOutcome.Interrupted, SuiteDescription.Of(result));
        Assert.Equal("interrupted in test SECOND", result.Summary);
        Assert.Equal([("FIRST", TestStatus.Passed), ("SECOND", TestStatus.Interrupted)], result.Tests.Select(test => (test.Name, test.Status)));

        var xml = new MemoryStream();
        JUnitReport.Write(result, xml);
        XElement suite = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml.ToArray())).Root!.Element("testsuite")!;
        XElement[] cases = suite.Elements("testcase").ToArray();
        Assert.Equal(["FIRST", "SECOND", JUnitReport.SuiteCaseName], cases.Select(item => item.Attribute("name")!.Value));
        Assert.DoesNotContain(cases[0].Elements(), child => child.Name != "system-out");
        Assert.Contains("interrupted", cases[1].Element("skipped")!.Attribute("message")!.Value);
        Assert.Equal("interrupted", cases[2].Element("error")!.Attribute("type")!.Value);
    }
}
