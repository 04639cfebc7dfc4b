using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kaal.Hil.Qemu;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>
/// A guest that is done before the harness has finished starting QEMU: QEMU starts stopped (-S), the harness
/// completes the QMP handshake and subscribes, and only then lets the guest run, so every console byte and the
/// exit code are kept and the run passes every time.
/// </summary>
public sealed class FastGuestTests : QemuTestBase, IDisposable
{
    private const int Runs = 20;
    private static readonly HilSuite Suite = new("fast-guest", "ten instructions and a power-off", "", [], "");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"kaal-test-fast-guest-{Guid.NewGuid():N}");

    public FastGuestTests(KernelImages images) : base(images)
    {
        Directory.CreateDirectory(_directory);
    }

    private string ImagePath => Path.Combine(_directory, "fast.bin");

    [QemuFact]
    public async Task A_guest_that_finishes_at_once_passes_every_run()
    {
        FastGuestImage.Write(ImagePath);
        var target = new QemuHilTarget(new QemuLaunchOptions { Target = QemuTarget.Virt() });
        var failures = new List<string>();
        for (int run = 0; run < Runs; run++)
        {
            SuiteResult result = await SuiteRunner.RunAsync(Suite, ImagePath, target, new SuiteRunOptions());
            if (result.Outcome != SuiteOutcome.Passed || result.ExitCode != 0 || result.Tests.Count != 1)
            {
                failures.Add($"run {run}: {SuiteDescription.Of(result)}");
            }
        }
        Assert.True(failures.Count == 0, $"{Runs - failures.Count} of {Runs} runs passed:\n{string.Join("\n", failures)}");
    }

    void IDisposable.Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        Dispose();
    }
}
