using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace Kaal.Hil.Suites;

/// <summary>
/// Writes a suite result as JUnit XML (the de-facto schema CI servers read: testsuites/testsuite/testcase
/// with failure, error, skipped, system-out). A failed test is a failure; a test cut short by a hang, panic
/// or crash is an error carrying the evidence; a test interrupted by a reset is skipped. When the run ended
/// badly outside any test, or an expected line never came, a "[suite]" testcase carries it, so a CI server
/// never shows green for a run that was not. A system suite's checks are testcases `[check] NAME`. Output is capped
/// (<see cref="TestOutputChars"/> per test, <see cref="TranscriptChars"/> for the whole console and for the details),
/// keeping its beginning and end with a marker between. The file follows the rules of the JUnit schema Jenkins' xUnit
/// plugin validates against (tests/Shared/JUnitSchemaRules.cs checks every kind of report).
/// </summary>
public static class JUnitReport
{
    public const string SuiteCaseName = "[suite]";
    public const string CheckCasePrefix = "[check] ";
    /// <summary>A test's own output (and its failure text) in the report.</summary>
    public const int TestOutputChars = 64 * 1024;
    /// <summary>The whole console transcript, and the details (registers, panic dump, QEMU's stderr), in the report.</summary>
    public const int TranscriptChars = 1024 * 1024;

    public static void Write(SuiteResult result, string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory != null)
        {
            Directory.CreateDirectory(directory);
        }
        using var stream = File.Create(path);
        Write(result, stream);
    }

    public static void Write(SuiteResult result, Stream stream)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using XmlWriter xml = XmlWriter.Create(stream, settings);
        List<Case> cases = Cases(result);
        int failures = cases.Count(item => item.Kind == "failure");
        int errors = cases.Count(item => item.Kind == "error");
        int skipped = cases.Count(item => item.Kind == "skipped");
        string time = Seconds(result.Elapsed);

        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", $"kaal hil {result.Suite}");
        Counts(xml, cases.Count, failures, errors, null, time); // the schema has no 'skipped' on <testsuites>
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", $"{result.Suite}@{result.Target}");
        Counts(xml, cases.Count, failures, errors, skipped, time);
        xml.WriteAttributeString("timestamp", result.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("hostname", Environment.MachineName);

        Properties(xml, result);
        string className = $"kaal.hil.{result.Suite}.{result.Target}";
        foreach (Case item in cases) TestCase(xml, className, item);
        xml.WriteElementString("system-out", XmlSafe(CappedText.Join(result.Transcript, TranscriptChars)));
        if (result.Details.Length > 0)
        {
            xml.WriteElementString("system-err", XmlSafe(CappedText.Join(result.Details.Split('\n'), TranscriptChars)));
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>The run's target, image, outcome, summary, exit code, QEMU version and guest resets.</summary>
    private static void Properties(XmlWriter xml, SuiteResult result)
    {
        xml.WriteStartElement("properties");
        Property(xml, "target", result.Target);
        Property(xml, "image", result.ImagePath);
        Property(xml, "outcome", result.Outcome.ToString());
        Property(xml, "summary", result.Summary);
        if (result.ExitCode is int exitCode)
        {
            Property(xml, "exit-code", exitCode.ToString(CultureInfo.InvariantCulture));
        }
        if (result.QemuVersion != null)
        {
            Property(xml, "qemu-version", result.QemuVersion);
        }
        foreach (GuestReset reset in result.Resets)
        {
            Property(xml, "reset", $"boot {reset.Boot}: {reset.Reason}{(reset.DuringTest != null ? $" during {reset.DuringTest}" : "")}");
        }
        xml.WriteEndElement();
    }

    /// <summary>One &lt;testcase&gt;: its failure, error or skip with the lines that explain it, and its output.</summary>
    private static void TestCase(XmlWriter xml, string className, Case item)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", className);
        xml.WriteAttributeString("name", item.Name);
        xml.WriteAttributeString("time", Seconds(item.Duration));
        if (item.Kind != null)
        {
            xml.WriteStartElement(item.Kind);
            xml.WriteAttributeString("message", item.Message ?? "");
            if (item.Type != null)
            {
                xml.WriteAttributeString("type", item.Type);
            }
            if (item.Body.Count > 0)
            {
                xml.WriteString(XmlSafe(CappedText.Join(item.Body, TestOutputChars)));
            }
            xml.WriteEndElement();
        }
        if (item.Output.Count > 0)
        {
            xml.WriteElementString("system-out", XmlSafe(CappedText.Join(item.Output, TestOutputChars)));
        }
        xml.WriteEndElement();
    }

    private sealed record Case(string Name, TimeSpan Duration, string? Kind, string? Type, string? Message, IReadOnlyList<string> Body, IReadOnlyList<string> Output);

    private static List<Case> Cases(SuiteResult result)
    {
        var cases = new List<Case>();
        bool earlierBoots = result.Tests.Any(test => test.Boot > 1);
        foreach (TestCaseResult test in result.Tests)
        {
            string name = earlierBoots ? $"{test.Name} (boot {test.Boot})" : test.Name;
            bool blamed = test.Status is TestStatus.Hung or TestStatus.Panicked or TestStatus.Crashed;
            cases.Add(test.Status switch
            {
                TestStatus.Passed => new Case(name, test.Duration, null, null, null, [], test.Output),
                TestStatus.Failed => new Case(name, test.Duration, "failure", "failed", test.Message, test.Output, test.Output),
                TestStatus.Interrupted => new Case(name, test.Duration, "skipped", null, test.Message, [], test.Output),
                _ => new Case(name, test.Duration, "error", test.Status.ToString().ToLowerInvariant(), test.Message, blamed ? Lines(result.Details) : [], test.Output),
            });
        }
        foreach (SuiteCheck check in result.Checks)
        {
            cases.Add(new Case(CheckCasePrefix + check.Name, TimeSpan.Zero, check.Passed ? null : "failure", check.Passed ? null : "check", check.Message,
                check.Passed ? [] : Lines(check.Message), []));
        }
        bool blamedOnATest = result.Tests.Any(test => test.Status is TestStatus.Hung or TestStatus.Panicked or TestStatus.Crashed);
        bool badEnd = result.Outcome is SuiteOutcome.Hang or SuiteOutcome.Panic or SuiteOutcome.Crash or SuiteOutcome.Error or SuiteOutcome.Interrupted;
        if (badEnd && !blamedOnATest)
        {
            cases.Add(new Case(SuiteCaseName, result.Elapsed, "error", result.Outcome.ToString().ToLowerInvariant(), result.Summary, Lines(result.Details), []));
        }
        else if (result.Outcome == SuiteOutcome.Failed && !result.Tests.Any(test => test.Status == TestStatus.Failed) && result.Checks.All(check => check.Passed))
        {
            cases.Add(new Case(SuiteCaseName, result.Elapsed, "failure", "suite", result.Summary, Lines(result.Details), []));
        }
        return cases;
    }

    private static IReadOnlyList<string> Lines(string text) => text.Length == 0 ? [] : text.Split('\n');

    private static void Counts(XmlWriter xml, int tests, int failures, int errors, int? skipped, string time)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        if (skipped is int count)
        {
            xml.WriteAttributeString("skipped", count.ToString(CultureInfo.InvariantCulture));
        }
        xml.WriteAttributeString("time", time);
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", XmlSafe(value));
        xml.WriteEndElement();
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>A guest can print anything; XML 1.0 cannot hold most control characters, so they are replaced.</summary>
    private static string XmlSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (char value in text)
        {
            safe.Append(XmlConvert.IsXmlChar(value) ? value : '\uFFFD');
        }
        return safe.ToString();
    }
}
