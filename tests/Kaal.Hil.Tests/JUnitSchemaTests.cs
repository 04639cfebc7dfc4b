using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Kaal.Hil.Suites;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>Every kind of report JUnitReport writes (each outcome, resets, a system suite's checks, runaway output,
/// control characters) follows the rules of the JUnit schema Jenkins' xUnit plugin validates against; a system suite's
/// checks are testcases; output is capped per test with a marker.</summary>
public sealed class JUnitSchemaTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch;

    private static TestCaseResult Test(string name, TestStatus status, params string[] output) =>
        new(1, 0, name, status, TimeSpan.FromMilliseconds(5), output, status == TestStatus.Passed ? null : $"{name} {status}");

    private static SuiteResult Result(SuiteOutcome outcome, params TestCaseResult[] tests) => new()
    {
        Suite = "kernel", Target = "qemu-virt", ImagePath = "/img/kaal.elf", Outcome = outcome, Summary = $"{outcome} summary",
        Details = outcome is SuiteOutcome.Passed or SuiteOutcome.Failed ? "" : "registers: X00=0\u0001 (a control character)",
        Tests = tests, Transcript = ["boot", "Starting test 0: A", "\u0007bell"], StartedAt = Start, Elapsed = TimeSpan.FromSeconds(1),
        ExitCode = 0, QemuVersion = "10.0.2",
    };

    public static TheoryData<string> Kinds() => new(Reports().Keys);

    private static Dictionary<string, SuiteResult> Reports() => new()
    {
        ["passed"] = Result(SuiteOutcome.Passed, Test("A", TestStatus.Passed, "out")),
        ["failed"] = Result(SuiteOutcome.Failed, Test("A", TestStatus.Passed), Test("B", TestStatus.Failed, "first failed check: 3")),
        ["hang"] = Result(SuiteOutcome.Hang, Test("A", TestStatus.Hung)),
        ["panic"] = Result(SuiteOutcome.Panic, Test("A", TestStatus.Panicked)),
        ["crash"] = Result(SuiteOutcome.Crash),
        ["error"] = Result(SuiteOutcome.Error),
        ["interrupted"] = Result(SuiteOutcome.Interrupted, Test("A", TestStatus.Passed), Test("B", TestStatus.Interrupted)),
        ["reset"] = Result(SuiteOutcome.Passed, Test("A", TestStatus.Interrupted), Test("A", TestStatus.Passed) with { Boot = 2 })
            with { Resets = [new GuestReset(1, "host-qmp-system-reset", "A")] },
        ["system"] = Result(SuiteOutcome.Failed, Test("test_cap/CAP_COPY", TestStatus.Passed)) with
        {
            Checks = [new SuiteCheck("exit code", true, "0"), new SuiteCheck("differential check", false, "DIFFERENT: ...")],
        },
        ["runaway"] = Result(SuiteOutcome.Failed, Test("A", TestStatus.Failed, [.. Enumerable.Range(0, 200_000).Select(index => $"line {index} of a test that never stops printing")])),
    };

    private static XDocument Write(SuiteResult result, out long bytes)
    {
        var stream = new MemoryStream();
        JUnitReport.Write(result, stream);
        bytes = stream.Length;
        return XDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_of_report_follows_the_schema(string kind)
    {
        XDocument document = Write(Reports()[kind], out _);
        Assert.Empty(JUnitSchemaRules.Violations(document));
    }

    [Fact]
    public void The_checker_finds_what_the_schema_forbids()
    {
        var document = XDocument.Parse("<testsuites skipped=\"0\"><testsuite name=\"x\"><testcase classname=\"c\"><failure><b/></failure></testcase>text<bogus/></testsuite></testsuites>");
        Assert.Equal(
        [
            "/testsuites: attribute 'skipped' is not allowed on <testsuites>",
            "/testsuites/testsuite[1]: required attribute 'tests' is missing",
            "/testsuites/testsuite[1]: <testsuite> holds elements only, not text",
            "/testsuites/testsuite[1]/testcase[1]: required attribute 'name' is missing",
            "/testsuites/testsuite[1]/testcase[1]/failure[1]/b[1]: <b> is not allowed in <failure>",
            "/testsuites/testsuite[1]/bogus[2]: <bogus> is not allowed in <testsuite>",
        ], JUnitSchemaRules.Violations(document));
    }

    [Fact]
    public void A_system_suite_s_checks_are_testcases()
    {
        XElement suite = Write(Reports()["system"], out _).Root!.Element("testsuite")!;
        XElement[] cases = suite.Elements("testcase").ToArray();
        Assert.Equal(["test_cap/CAP_COPY", "[check] exit code", "[check] differential check"], cases.Select(item => item.Attribute("name")!.Value));
        Assert.Equal("3", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Equal("DIFFERENT: ...", cases[2].Element("failure")!.Attribute("message")!.Value);
    }

    [Fact]
    public void A_test_s_output_is_capped_with_a_marker()
    {
        XDocument document = Write(Reports()["runaway"], out long bytes);
        XElement test = document.Root!.Element("testsuite")!.Element("testcase")!;
        string output = test.Element("system-out")!.Value;
        Assert.StartsWith("line 0 of a test", output);
        Assert.EndsWith("line 199999 of a test that never stops printing", output);
        Assert.Contains("lines (", output);
        Assert.Contains("characters) cut: the report keeps 65536 characters of output ...]", output);
        Assert.True(output.Length <= JUnitReport.TestOutputChars + 200, $"{output.Length} characters");
        Assert.True(bytes < 1024 * 1024, $"{bytes} bytes for 10 MB of test output");
    }
}
