using System.IO;
using Kaal.Hil.Suites;

namespace Kaal.Hil.Tests;

/// <summary>A suite result as an assertion message: the console report, then the whole console.</summary>
internal static class SuiteDescription
{
    public static string Of(SuiteResult result)
    {
        var text = new StringWriter();
        SuiteConsoleReport.Write(result, text);
        return $"{text}\nconsole:\n{string.Join('\n', result.Transcript)}";
    }
}
