using System.IO;
using System.Linq;
using Kaal.Hil.Differential;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>The comparison and its report on small hand-made consoles (tests/Kaal.Cli.Tests/DiffCommandTests.cs
/// compares the simulator's real output).</summary>
public sealed class DifferentialCheckTests
{
    private static readonly string[] Simulator =
    [
        "[system_init] spawned ipc_producer (priority 100)",
        "[system_init] started ipc_producer",
        "[system_init] spawned ipc_consumer (priority 100)",
        "[system_init] started ipc_consumer",
        "[ipc_producer] sent 40 items",
        "[system_init] exited ipc_producer (status 0)",
        "[ipc_consumer] received items 1..40 in order, checksum 0x3E1B092D",
        "[system_init] exited ipc_consumer (status 0)",
        "[system_init] summary: 2 started, 0 restarted, 0 faulted, 0 failed, 0 not started",
    ];

    private static (DifferentialResult Result, string Report) Compare(string[] simulator, string[] qemu)
    {
        DifferentialResult result = DifferentialCheck.Compare(ObservableEventLog.FromLines(simulator), ObservableEventLog.FromLines(qemu));
        var report = new StringWriter();
        DifferentialReport.Write(result, report);
        return (result, report.ToString());
    }

    [Fact]
    public void Identical_logs_are_equal_in_one_line_with_the_events_per_component()
    {
        (DifferentialResult result, string report) = Compare(Simulator, ["KaaL kernel (arm64) on qemu-virt", .. Simulator, "[kernel] kaal-figures: ticks=5"]);
        Assert.True(result.Equal);
        Assert.Equal("differential check: equal: 9 events in 3 components (ipc_consumer 4, ipc_producer 4, system_init 1); " +
            "timing lines ignored: 0 in the simulator, 1 in qemu\n", report.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Another_interleaving_of_the_components_is_equal()
    {
        // The consumer's whole life before the producer's line: a different schedule, the same events per component.
        string[] qemu = [Simulator[0], Simulator[1], Simulator[2], Simulator[3], Simulator[6], Simulator[7], Simulator[4], Simulator[5], Simulator[8]];
        Assert.True(Compare(Simulator, qemu).Result.Equal);
    }

    [Fact]
    public void A_reordered_line_within_a_component_names_it_and_shows_both_sides_from_the_first_difference()
    {
        // ipc_producer exits before it printed: its own order changed.
        string[] qemu = [.. Simulator[..4], Simulator[5], Simulator[4], .. Simulator[6..]];
        (DifferentialResult result, string report) = Compare(Simulator, qemu);
        Assert.False(result.Equal);
        Assert.Equal("ipc_producer", result.FirstDifference!.Subject);
        Assert.Equal(2, result.FirstDifference.FirstDifferentRow);
        string[] lines = report.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("differential check: DIFFERENT: 1 component differs: 'ipc_producer' (2 rows); the first, 'ipc_producer', parts at its event 3", lines[0]);
        Assert.Contains(lines, line => line.Contains("simulator") && line.EndsWith("| qemu"));
        // Aligned, the moved line is missing on one side and extra on the other: two rows, the rest lined up.
        Assert.Contains(lines, line => line.StartsWith("  >    3       [ipc_producer] sent 40 items") && line.EndsWith("| (nothing)"));
        Assert.Contains(lines, line => line.StartsWith("  >         4  (nothing)") && line.EndsWith("| [ipc_producer] sent 40 items"));
        Assert.Contains(lines, line => line.StartsWith("       1    1  [system_init] spawned ipc_producer")); // context, unmarked
    }

    [Fact]
    public void A_changed_line_is_a_difference_and_a_long_line_is_cut_where_it_still_shows_the_difference()
    {
        string[] qemu = Simulator.Select(line => line.Replace("0x3E1B092D", "0x00000000")).ToArray();
        (DifferentialResult result, string report) = Compare(Simulator, qemu);
        Assert.Equal("ipc_consumer", result.FirstDifference!.Subject);
        string[] lines = report.ReplaceLineEndings("\n").Split('\n');
        string marked = lines.Single(line => line.StartsWith("  >"));
        Assert.Contains("...", marked);
        Assert.Contains("checksum 0x3E1B092D", marked);
        Assert.EndsWith("checksum 0x00000000", marked);
        // An unchanged long line keeps its start and is cut at the end.
        string[] longer = Simulator.Select(line => line.Replace("summary:", "summary: a long run of words to pass the column width;")).ToArray();
        string[] shorter = [.. longer[..^1]];
        string context = Compare(longer, shorter).Report.ReplaceLineEndings("\n").Split('\n').Single(line => line.StartsWith("  >"));
        Assert.StartsWith("  >    1       [system_init] summary: a long run of words to pass the co... | ", context);
        Assert.EndsWith("| (nothing)", context);
    }

    [Fact]
    public void A_truncated_qemu_log_says_where_it_ends_and_shows_nothing_for_the_missing_events()
    {
        (DifferentialResult result, string report) = Compare(Simulator, Simulator[..5]);
        Assert.True(result.QemuLogEndsEarly);
        Assert.Contains("the qemu log ends after 5 events; simulator has 9", report);
        Assert.Contains("the first, 'ipc_producer', parts at its event 4", report); // the first event qemu lacks, in the simulator's order
        Assert.Contains("3 components differ: 'ipc_producer' (1 row), 'ipc_consumer' (2 rows), 'system_init' (1 row)", report);
        Assert.Contains("| (nothing)", report);
    }

    [Fact]
    public void An_empty_qemu_log_asks_whether_the_system_booted()
    {
        (DifferentialResult result, string report) = Compare(Simulator, ["KaaL kernel (arm64) on qemu-virt", "*** KERNEL PANIC: data abort"]);
        Assert.False(result.Equal);
        Assert.Contains("the qemu log ends after 0 events; simulator has 9 (no component printed anything: did the system boot?)", report);
    }

    [Fact]
    public void One_missing_line_is_one_row_and_the_rows_after_it_line_up_again()
    {
        // qemu lacks the producer's own line: compared by position it marked every later row of ipc_producer.
        string[] qemu = [.. Simulator[..4], .. Simulator[5..]];
        (DifferentialResult result, string report) = Compare(Simulator, qemu);
        SubjectDifference difference = Assert.Single(result.Differences);
        Assert.Equal(1, difference.DifferentRows);
        string[] marked = report.ReplaceLineEndings("\n").Split('\n').Where(line => line.StartsWith("  >")).ToArray();
        Assert.Equal(["  >    3       [ipc_producer] sent 40 items"], marked.Select(line => line.Split(" | ")[0].TrimEnd()));
        Assert.Contains(report.ReplaceLineEndings("\n").Split('\n'), line => line.StartsWith("       4    3  [system_init] exited ipc_producer (status 0)"));
    }

    [Fact]
    public void Every_differing_component_is_named_the_first_to_part_in_the_simulators_run_first()
    {
        string[] qemu = Simulator.Select(line => line
            .Replace("sent 40 items", "sent 39 items")
            .Replace("checksum 0x3E1B092D", "checksum 0x0")
            .Replace("0 not started", "1 not started")).ToArray();
        (DifferentialResult result, string report) = Compare(Simulator, qemu);
        Assert.Equal(["ipc_producer", "ipc_consumer", "system_init"], result.Differences.Select(difference => difference.Subject));
        Assert.All(result.Differences, difference => Assert.Equal(1, difference.DifferentRows));
        Assert.StartsWith("differential check: DIFFERENT: 3 components differ: 'ipc_producer' (1 row), 'ipc_consumer' (1 row), 'system_init' (1 row)", report);
        foreach (string subject in new[] { "ipc_producer", "ipc_consumer", "system_init" })
        {
            Assert.Contains($"  {subject}: ", report);
        }
    }

    [Fact]
    public void A_simulator_run_that_failed_is_said_first()
    {
        var report = new StringWriter();
        DifferentialReport.Write(Compare(Simulator, Simulator).Result, report, "deadlock at step 12 (ipc_consumer): ...");
        Assert.Contains("NOTE: the simulator's own run failed (deadlock at step 12 (ipc_consumer): ...)", report.ToString());
    }

    [Fact]
    public void Extra_events_in_qemu_are_a_difference_with_nothing_on_the_simulator_side()
    {
        (DifferentialResult result, string report) = Compare(Simulator, [.. Simulator, "[ipc_consumer] received items 41..41"]);
        Assert.Equal("ipc_consumer", result.FirstDifference!.Subject);
        Assert.False(result.QemuLogEndsEarly);
        Assert.Contains(report.ReplaceLineEndings("\n").Split('\n'), line => line.StartsWith("  >         5  (nothing)") && line.EndsWith("| [ipc_consumer] received items 41..41"));
    }
}
