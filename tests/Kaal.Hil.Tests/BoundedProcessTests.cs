using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Processes;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>Every external step is bounded: a process that outlives its limit, one that leaves a background child
/// holding its output open, one that floods its output, and one whose caller gives up. The generous bounds below only
/// tell "ended at its limit" from "ran for minutes"; the limits under test are short.</summary>
public sealed class BoundedProcessTests
{
    /// <summary>Far below the 150-600 s the commands would take, far above what their limits allow.</summary>
    private static readonly TimeSpan MuchLessThanTheCommand = TimeSpan.FromSeconds(60);

    private static Task<ProcessOutcome> ShellAsync(string command, TimeSpan limit, CancellationToken cancellationToken = default, int capChars = BoundedProcess.DefaultOutputCapChars) =>
        BoundedProcess.RunAsync("/bin/sh", ["-c", command], Path.GetTempPath(), limit, null, capChars, cancellationToken);

    [Fact]
    public async Task A_command_that_sleeps_past_its_limit_is_killed_at_the_limit()
    {
        ProcessOutcome outcome = await ShellAsync("echo begun; sleep 600", TimeSpan.FromSeconds(1));
        Assert.True(outcome.TimedOut);
        Assert.Equal(-1, outcome.ExitCode);
        Assert.Contains("begun", outcome.Output);
        Assert.True(outcome.Elapsed < MuchLessThanTheCommand, $"took {outcome.Elapsed}");
    }

    [Fact]
    public async Task A_background_child_holding_the_output_open_neither_holds_the_run_nor_survives_it()
    {
        string pidFile = Path.Combine(Path.GetTempPath(), $"kaal-bounded-{Guid.NewGuid():N}.pid");
        try
        {
            ProcessOutcome outcome = await ShellAsync($"sleep 150 & echo $! > {pidFile}; echo started", TimeSpan.FromSeconds(30));
            Assert.False(outcome.TimedOut);
            Assert.Equal(0, outcome.ExitCode);
            Assert.Contains("started", outcome.Output);
            Assert.True(outcome.Elapsed < MuchLessThanTheCommand, $"took {outcome.Elapsed}");
            int child = int.Parse(File.ReadAllText(pidFile).Trim());
            Assert.True(WaitUntilGone(child), $"the background sleep {child} outlived the command");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task Output_is_capped_with_the_cut_said()
    {
        ProcessOutcome outcome = await ShellAsync("head -c 5000000 /dev/zero | tr '\\0' x; echo; echo the-end", TimeSpan.FromSeconds(60), capChars: 16 * 1024);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("earlier characters cut", outcome.Output);
        Assert.EndsWith("the-end\n", outcome.Output);
        Assert.True(outcome.Output.Length < 17 * 1024, $"{outcome.Output.Length} characters kept");
    }

    [Fact]
    public async Task A_cancelled_caller_stops_the_whole_group_and_is_told_so()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        ProcessOutcome outcome = await ShellAsync("sleep 600 & sleep 600", Timeout.InfiniteTimeSpan, cancel.Token);
        Assert.True(outcome.Stopped);
        Assert.False(outcome.TimedOut);
        Assert.True(outcome.Elapsed < MuchLessThanTheCommand, $"took {outcome.Elapsed}");
    }

    [Fact]
    public async Task A_failing_command_reports_its_exit_code()
    {
        ProcessOutcome outcome = await ShellAsync("echo nope >&2; exit 7", TimeSpan.FromSeconds(30));
        Assert.Equal(7, outcome.ExitCode);
        Assert.Equal("nope\n", outcome.Output);
    }

    /// <summary>Gone, or a zombie waiting for init to reap it (it runs no more).</summary>
    internal static bool WaitUntilGone(int processId)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!limit.IsCancellationRequested)
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{processId}/stat");
            }
            catch (IOException)
            {
                return true;
            }
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return true;
            }
            Thread.Sleep(50);
        }
        return !ProcessTable.IsAlive(processId);
    }
}
