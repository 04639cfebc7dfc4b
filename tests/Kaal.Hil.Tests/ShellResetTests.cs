using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>A board's --reset-command inside a suite run: bounded by the suite's deadline (its process group killed),
/// a background child of it neither holding the run nor surviving it, an interrupt stopping it.</summary>
public sealed class ShellResetTests
{
    private static readonly TimeSpan MuchLessThanTheCommand = TimeSpan.FromSeconds(60);

    private static Task<SuiteResult> RunOnBoardAsync(FakeBoard board, string resetCommand, TimeSpan suiteTimeout, CancellationToken cancellationToken = default)
    {
        var target = new SerialBoardTarget(board.SocketPath) { Reset = ShellReset.For(resetCommand) };
        var options = new SuiteRunOptions { SuiteTimeout = suiteTimeout, TestTimeout = suiteTimeout };
        return SuiteRunner.RunAsync(HilSuiteCatalog.Kernel, "/nowhere/kernel8.img", target, options, cancellationToken);
    }

    [Fact]
    public async Task A_reset_command_that_sleeps_is_killed_at_the_suite_timeout()
    {
        using var board = new FakeBoard();
        SuiteResult result = await RunOnBoardAsync(board, "echo powering; sleep 600", TimeSpan.FromSeconds(1));
        Assert.True(result.Outcome == SuiteOutcome.Error, SuiteDescription.Of(result));
        Assert.Contains("the suite timeout (1 s) ran out while the reset command ran", result.Summary);
        Assert.Contains("reset command 'echo powering; sleep 600' was stopped after", result.Details);
        Assert.Contains("its process group was killed", result.Details);
        Assert.Contains("powering", result.Details);
        Assert.True(result.Elapsed < MuchLessThanTheCommand, $"took {result.Elapsed}");
    }

    [Fact]
    public async Task A_background_child_of_the_reset_command_does_not_hold_the_run()
    {
        using var board = new FakeBoard();
        string pidFile = Path.Combine(Path.GetTempPath(), $"kaal-reset-{Guid.NewGuid():N}.pid");
        try
        {
            SuiteResult result = await RunOnBoardAsync(board, $"sleep 150 & echo $! > {pidFile}", TimeSpan.FromSeconds(3));
            // The reset is done at once; the board then says nothing, so the run ends at its deadline as a hang.
            Assert.True(result.Outcome == SuiteOutcome.Hang, SuiteDescription.Of(result));
            Assert.True(result.Elapsed < MuchLessThanTheCommand, $"took {result.Elapsed}");
            int child = int.Parse(File.ReadAllText(pidFile).Trim());
            Assert.True(BoundedProcessTests.WaitUntilGone(child), $"the reset command's background sleep {child} outlived it");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task An_interrupt_during_the_reset_command_stops_it_and_says_interrupted()
    {
        using var board = new FakeBoard();
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        SuiteResult result = await RunOnBoardAsync(board, "sleep 600", TimeSpan.FromSeconds(300), interrupt.Token);
        Assert.True(result.Outcome == SuiteOutcome.Interrupted, SuiteDescription.Of(result));
        Assert.Contains($"interrupted while starting serial:{board.SocketPath}", result.Summary);
        Assert.True(result.Elapsed < MuchLessThanTheCommand, $"took {result.Elapsed}");
    }
}
