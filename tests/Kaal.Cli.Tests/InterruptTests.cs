using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Kaal.Hil.Processes;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>SIGINT/SIGTERM sent to a real `kaal hil run` process mid-suite: it stops, prints the summary as INTERRUPTED,
/// writes the JUnit of what ran (the finished tests, the running one marked), leaves no QEMU behind and exits 130/143.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class InterruptTests(KernelImages images)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static Process StartKaal(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "kaal"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        return ChildProcesses.Start(startInfo);
    }

    /// <summary>Signals kaal and returns its exit code and output (bounded; a kaal that does not stop fails the test).</summary>
    private static async Task<(int Code, string Output, string Error)> StopAsync(Process kaal, int signal)
    {
        Task<string> output = kaal.StandardOutput.ReadToEndAsync();
        Task<string> error = kaal.StandardError.ReadToEndAsync();
        Signals.Send(kaal.Id, signal);
        if (!kaal.WaitForExit(Limit))
        {
            kaal.Kill(entireProcessTree: true);
            Assert.Fail($"kaal did not stop within {Limit} of signal {signal}");
        }
        return (kaal.ExitCode, await output, await error);
    }

    [Theory]
    [InlineData(Signals.Interrupt, ExitCode.Interrupted, "interrupted (SIGINT)")]
    [InlineData(Signals.Terminate, ExitCode.Terminated, "terminated (SIGTERM)")]
    public async Task A_signal_mid_test_writes_partial_JUnit_and_exits_with_the_signal_s_code(int signal, int expectedCode, string said)
    {
        using var board = new FakeBoard("KaaL kernel\nStarting test 0: FIRST\nTest FIRST passed\nStarting test 1: SECOND\nworking on it\n");
        string folder = Directory.CreateTempSubdirectory("kaal-interrupt-").FullName;
        string image = Path.Combine(folder, "kernel8.img");
        string junit = Path.Combine(folder, "report.xml");
        File.WriteAllText(image, "not booted: the fake board prints by itself");
        try
        {
            using Process kaal = StartKaal("hil", "run", "--target", $"serial:{board.SocketPath}", "--image", image, "--junit", junit, "--timeout", "300");
            await board.Printed.WaitAsync(Limit); // kaal opened the board's console and the board printed
            await Task.Delay(TimeSpan.FromSeconds(2)); // lets kaal read what the board printed (only finished lines count)
            (int code, string output, string error) = await StopAsync(kaal, signal);

            Assert.True(code == expectedCode, $"exit {code}\n{output}\n{error}");
            Assert.Contains($"kaal: {said}: stopping", error);
            Assert.Contains($"kaal hil: suite 'kernel' on serial:{board.SocketPath}: INTERRUPTED (2 tests: 1 passed, 0 failed;", output);
            Assert.Contains("interrupted in test SECOND", output);
            XElement suite = XDocument.Load(junit).Root!.Element("testsuite")!;
            XElement[] cases = suite.Elements("testcase").ToArray();
            Assert.Equal(["FIRST", "SECOND", "[suite]"], cases.Select(item => item.Attribute("name")!.Value));
            Assert.NotNull(cases[1].Element("skipped"));
            Assert.Equal("interrupted", cases[2].Element("error")!.Attribute("type")!.Value);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [QemuFact]
    public async Task SIGINT_during_a_QEMU_suite_leaves_no_QEMU_and_exits_130()
    {
        string image = images.ImageOf(KernelImages.HangTest, "kaal.elf");
        string junit = Path.Combine(Path.GetTempPath(), $"kaal-interrupt-{Guid.NewGuid():N}.xml");
        using Process kaal = StartKaal("hil", "run", "--target", "qemu-virt", "--image", image, "--junit", junit, "--timeout", "300", "--test-timeout", "300");
        try
        {
            using var limit = new CancellationTokenSource(Limit);
            int qemu = 0;
            while (qemu == 0 && !limit.IsCancellationRequested)
            {
                qemu = ProcessTable.QemuChildrenOf(kaal.Id).FirstOrDefault();
                Thread.Sleep(50);
            }
            Assert.True(qemu != 0, "kaal never started QEMU");
            await Task.Delay(TimeSpan.FromSeconds(2)); // the hang-test guest starts its one test and waits for a byte that never comes
            (int code, string output, string error) = await StopAsync(kaal, Signals.Interrupt);

            Assert.True(code == ExitCode.Interrupted, $"exit {code}\n{output}\n{error}");
            Assert.Contains("kaal hil: suite 'kernel' on qemu-virt: INTERRUPTED", output);
            Assert.False(ProcessTable.IsAlive(qemu), $"QEMU {qemu} outlived the interrupted kaal");
            Assert.Equal("Interrupted", XDocument.Load(junit).Descendants("property").Single(property => property.Attribute("name")!.Value == "outcome").Attribute("value")!.Value);
        }
        finally
        {
            if (!kaal.HasExited)
            {
                kaal.Kill(entireProcessTree: true);
            }
            File.Delete(junit);
        }
    }
}
