using System.IO;
using System.Linq;

namespace Kaal.Hil.Suites;

/// <summary>The console summary of a run: one headline, then only what needs attention (failed tests with their
/// output, the registers of a hang, the panic dump, the last lines before a crash, resets).</summary>
public static class SuiteConsoleReport
{
    public static void Write(SuiteResult result, TextWriter output)
    {
        int passed = result.Count(TestStatus.Passed);
        int failed = result.Count(TestStatus.Failed);
        output.WriteLine($"kaal hil: suite '{result.Suite}' on {result.Target}: {result.Outcome.ToString().ToUpperInvariant()} " +
            $"({result.Tests.Count} test{(result.Tests.Count == 1 ? "" : "s")}: {passed} passed, {failed} failed; {result.Elapsed.TotalSeconds:F1} s)");
        output.WriteLine($"  {result.Summary}");
        output.WriteLine($"  image: {result.ImagePath}{(result.ExitCode is int code ? $"; exit code {code}" : "")}{(result.QemuVersion != null ? $"; QEMU {result.QemuVersion}" : "")}");
        foreach (GuestReset reset in result.Resets)
        {
            output.WriteLine($"  reset in boot {reset.Boot}: {reset.Reason}{(reset.DuringTest != null ? $", during {reset.DuringTest}" : "")}");
        }
        foreach (TestCaseResult test in result.Tests.Where(test => test.Status != TestStatus.Passed))
        {
            output.WriteLine($"  {test.Status.ToString().ToUpperInvariant()} {test.Name} (boot {test.Boot}): {test.Message}");
            foreach (string line in test.Output.Take(SuiteRunner.LastLinesShown))
            {
                output.WriteLine($"    | {line}");
            }
        }
        if (result.Details.Length > 0)
        {
            foreach (string line in result.Details.Split('\n'))
            {
                output.WriteLine($"  {line}");
            }
        }
    }
}
