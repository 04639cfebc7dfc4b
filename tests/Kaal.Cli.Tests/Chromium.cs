using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>Headless Chromium (the Debian package scripts/test.sh installs), run with a hard time limit: the
/// DOM after the page's scripts ran, and screenshots. Each run gets its own profile folder.</summary>
internal static class Chromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public static string? Executable { get; } = new[] { "chromium", "chromium-browser" }
        .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(folder => Path.Combine(folder, name)))
        .FirstOrDefault(File.Exists);

    public static string DumpDom(string htmlPath) => Run(htmlPath, "--dump-dom");

    public static byte[] Screenshot(string htmlPath, int width, int height)
    {
        string png = Path.Combine(Path.GetTempPath(), $"kaal-shot-{Guid.NewGuid():N}.png");
        try
        {
            Run(htmlPath, $"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars");
            Assert.True(File.Exists(png), "chromium wrote no screenshot");
            return File.ReadAllBytes(png);
        }
        finally
        {
            File.Delete(png);
        }
    }

    private static string Run(string htmlPath, params string[] arguments)
    {
        string executable = Executable ?? throw new InvalidOperationException("chromium is not installed");
        string profile = Path.Combine(Path.GetTempPath(), $"kaal-chromium-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        foreach (string argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, _) => { };
        try
        {
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            bool exited = process.WaitForExit(Limit);
            if (!exited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.True(exited, $"chromium did not finish within {Limit.TotalSeconds} s");
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}");
            lock (output) return output.ToString();
        }
        finally
        {
            if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
        }
    }
}

/// <summary>A fact that is skipped, with the reason, only when Chromium is not installed at all.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Chromium.Executable is null) Skip = "chromium is not on PATH: install the Debian package chromium (scripts/test.sh does).";
    }
}
