using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Kaal.Hil.Processes;
using Kaal.Sdk.Sel4Test;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// Boots the user-test variant: the root task's EL0 program (Variants/user-test/user_tests.S) runs its
/// tests in user mode and reports the sel4test protocol through DEBUG_PRINT, then prints benchmark lines
/// and ends with SHUTDOWN. Checks what it reports, never how long anything took. Each machine boots the
/// image once; the tests read that one console.
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class UserSpaceBootTests(KernelImages images)
{
    /// <summary>The tests of user_tests.S's test_table, in order.</summary>
    private static readonly string[] ExpectedTests =
    [
        "EL0_SYSCALL_RESULTS",
        "EL0_IPC_CALL_REPLYRECV_BETWEEN_ADDRESS_SPACES",
        "EL0_SIGNAL_WAIT",
        "EL0_FPSIMD_AND_TPIDR_CONTEXT_SWITCH",
        "EL0_INVALID_SYSCALLS_GET_ERRORS",
        "EL0_USER_FAULTS_DECODED",
        "EL0_DATA_ABORT_STOPS_ONLY_THAT_THREAD",
        "EL0_TIMER_PREEMPTS_SPINNING_THREAD",
        "EL0_DEVICE_INTERRUPT_TO_NOTIFICATION",
        "EL0_CALL_AND_SIGNAL_ACROSS_CORES",
        "EL0_TCB_OPERATIONS_STALL_A_THREAD_ON_ANOTHER_CORE",
        "EL0_DEVICE_INTERRUPT_ON_ITS_DRIVERS_CORE",
        "EL0_TPIDR_FOLLOWS_A_THREAD_MOVED_WHILE_ITS_CORE_IDLES",
        "EL0_THREAD_DELETED_ON_ANOTHER_CORE_RUNS_NO_FURTHER",
        "EL0_DEVICE_INTERRUPT_ON_ITS_TRIGGER_CORE",
    ];

    private static readonly string[] ExpectedBenchmarks =
        ["null_syscall", "call_replyrecv_round_trip", "signal_to_higher_priority", "yield"];

    /// <summary>Printed only where the Model schedules more than one core.</summary>
    private static readonly string[] CrossCoreBenchmarks = ["call_replyrecv_round_trip_cross_core", "signal_wait_round_trip_cross_core"];

    private static readonly Dictionary<KernelEntry, ProcessOutcome> s_runs = new();

    private ProcessOutcome Run(KernelEntry machine)
    {
        lock (s_runs)
        {
            if (!s_runs.TryGetValue(machine, out ProcessOutcome? run))
            {
                run = KernelBoot.Run(machine, images.DirectoryOf(KernelImages.UserTest));
                s_runs.Add(machine, run);
            }
            return run;
        }
    }

    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    [InlineData(KernelEntry.VirtSmp2)]
    [InlineData(KernelEntry.VirtSmp4)]
    [InlineData(KernelEntry.Raspi3b)]
    [InlineData(KernelEntry.Raspi4b)]
    public void El0_tests_pass_and_the_root_task_shuts_down(KernelEntry machine)
    {
        ProcessOutcome run = Run(machine);
        string context = Describe(machine, run);

        Assert.False(run.TimedOut, context);
        Assert.DoesNotContain("KERNEL PANIC", run.Output);
        Sel4TestProtocol protocol = Sel4TestProtocol.Parse(run.Output);
        Assert.Equal(ExpectedTests, protocol.Tests.Select(test => test.Name));
        Assert.Equal(Enumerable.Range(0, ExpectedTests.Length), protocol.Tests.Select(test => test.Number));
        Assert.All(protocol.Tests, test => Assert.True(test.Passed == true, $"{test.Name}: {test.Passed?.ToString() ?? "no result line"}\n{context}"));
        Assert.Equal((ExpectedTests.Length, 0), protocol.SuitePassed);
        Assert.False(protocol.FailuresDetected, context);
        KernelBoot.AssertCoresReportedIn(machine, run.Output); // every core online before EL0 starts
        Assert.True(run.ExitCode == 0, context); // SHUTDOWN's exit code from the root task
    }

    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    [InlineData(KernelEntry.Raspi3b)]
    [InlineData(KernelEntry.Raspi4b)]
    public void Faulting_thread_is_reported_and_stopped_while_the_rest_continues(KernelEntry machine)
    {
        ProcessOutcome run = Run(machine);
        string context = Describe(machine, run);

        Assert.False(run.TimedOut, context);
        // The crasher has no fault endpoint: the machine reports it once; data abort from EL0, translation fault.
        Match report = Assert.Single(Regex.Matches(run.Output,
            @"^kaal: thread \d+ faulted and stopped: VmFault pc=0x[0-9a-f]{16} address=0x00000000dead0000 ESR=0x0000000092[0-9a-f]{6} \(data abort from a lower EL\)$",
            RegexOptions.Multiline));
        // Later tests, and the summary, still ran.
        Assert.True(run.Output.IndexOf("Test EL0_TIMER_PREEMPTS_SPINNING_THREAD passed", System.StringComparison.Ordinal) > report.Index, context);
        Assert.Contains("Test suite passed.", run.Output);
    }

    /// <summary>
    /// Several cores: test 9 moved the server and a helper to other cores and its Call/Reply and Signal/Wait crossed
    /// (the kernel interrupted the idle core each way), and test 10's TCB operations on a thread running on another
    /// core took effect before they returned, as did test 13's delete of a thread running there; one core: a core beyond it is refused and nothing crosses.
    /// Either way the big kernel lock balanced: SHUTDOWN prints the figures from inside the kernel, so exactly one
    /// acquisition (its own) is outstanding, and every syscall before took and released it.
    /// </summary>
    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    [InlineData(KernelEntry.VirtSmp2)]
    [InlineData(KernelEntry.VirtSmp4)]
    [InlineData(KernelEntry.Raspi4b)]
    public void Threads_on_other_cores_call_and_signal_under_the_big_kernel_lock(KernelEntry machine)
    {
        ProcessOutcome run = Run(machine);
        string context = Describe(machine, run);

        Assert.False(run.TimedOut, context);
        bool severalCores = KernelBoot.ExpectedCores(machine).Online > 1;
        Assert.Contains(severalCores ? "  call, reply, signal and wait crossed cores" : "  one core: affinity beyond it refused, nothing to cross",
            run.Output);
        Assert.Contains("Test EL0_CALL_AND_SIGNAL_ACROSS_CORES passed", run.Output);
        // Test 10: a thread spinning on core 1 redirected and suspended from core 0 (the kernel stalls core 1 first).
        Assert.Contains(severalCores
                ? "  registers written and suspension took effect on the other core before the syscall returned"
                : "  one core: no thread runs on another",
            run.Output);
        Assert.Contains("Test EL0_TCB_OPERATIONS_STALL_A_THREAD_ON_ANOTHER_CORE passed", run.Output);
        // Test 12: a thread's TPIDR_EL0 set on core 1, which then idled, is its own after it moved to core 0.
        Assert.Contains(severalCores ? "  the thread pointer came along from core 1" : "  one core: nothing moves", run.Output);
        // Test 13: the last capability to a thread spinning on core 1 deleted from core 0 (the kernel stalls core 1 first).
        Assert.Contains(severalCores ? "  the thread deleted on the other core ran no further" : "  one core: no thread runs on another", run.Output);
        Assert.Contains("Test EL0_THREAD_DELETED_ON_ANOTHER_CORE_RUNS_NO_FURTHER passed", run.Output);
        Match figures = Regex.Match(run.Output, @"bkl_acquisitions=(\d+) bkl_outstanding=(\d+)");
        Assert.True(figures.Success, context);
        Assert.Equal("1", figures.Groups[2].Value);
        Assert.True(ulong.Parse(figures.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 4 * 1000, context); // the benchmarks' syscalls alone
    }

    /// <summary>
    /// Test 11: a driver on core 1 raised the PL011's interrupt twice and acknowledged it on core 1 in between. On a GIC
    /// its acknowledgement routed the line to core 1 (GICD_ITARGETSR), so the second interrupt was taken there
    /// (before, every device line went to core 0); the BCM2835's lines all stay on core 0 (one routing register for all).
    /// Test 14: the line issued again for the last core (IRQ_HANDLER_GET_TRIGGER_CORE) and raised twice by the driver on
    /// core 0: on a GIC both interrupts are taken on the last core (without the trigger core, on core 0, whose
    /// acknowledgement would route the line there); on -smp 2 the last core is core 1, which has test 11's as well.
    /// </summary>
    [QemuTheory]
    [InlineData(KernelEntry.VirtSmp2)]
    [InlineData(KernelEntry.VirtSmp4)]
    [InlineData(KernelEntry.Raspi3b)]
    [InlineData(KernelEntry.Raspi4b)]
    public void A_device_interrupt_goes_to_the_core_of_the_driver_that_acknowledged_it(KernelEntry machine)
    {
        ProcessOutcome run = Run(machine);
        string context = Describe(machine, run);

        Assert.False(run.TimedOut, context);
        Assert.Contains("  the driver on core 1 got its device interrupt twice", run.Output);
        Assert.Contains("  the driver on core 0 got its interrupt twice from the line's trigger core", run.Output);
        Match counts = Regex.Match(run.Output, @"device_interrupts_by_core=([\d,]+)");
        Assert.True(counts.Success, context);
        ulong[] byCore = counts.Groups[1].Value.Split(',').Select(count => ulong.Parse(count, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(KernelBoot.ExpectedCores(machine).Online, byCore.Length);
        if (machine == KernelEntry.Raspi3b)
        {
            Assert.All(byCore.Skip(1), count => Assert.Equal(0UL, count));
        }
        else
        {
            Assert.True(byCore[1] >= 1, context);
            int last = byCore.Length - 1;
            Assert.True(byCore[last] >= (last == 1 ? 3UL : 2UL), $"test 14's interrupts not on core {last}\n{context}");
        }
    }

    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    [InlineData(KernelEntry.Raspi3b)]
    [InlineData(KernelEntry.Raspi4b)]
    public void Benchmark_lines_are_printed_for_the_figures_script(KernelEntry machine)
    {
        ProcessOutcome run = Run(machine);
        string context = Describe(machine, run);

        Assert.False(run.TimedOut, context);
        string[] names = Regex.Matches(run.Output,
                @"^kaal-bench: name=(\S+) iterations=[1-9]\d* ticks=\d+ baseline_ticks=\d+ counter_hz=[1-9]\d*$", RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value).ToArray();
        Assert.Equal(KernelBoot.ExpectedCores(machine).Online > 1 ? [.. ExpectedBenchmarks, .. CrossCoreBenchmarks] : ExpectedBenchmarks, names);
        Assert.Matches(@"kaal-figures: counter_hz=\d+", run.Output);
    }

    private static string Describe(KernelEntry machine, ProcessOutcome run) =>
        $"machine {machine}: exit {run.ExitCode}, timed out {run.TimedOut}, {run.Elapsed.TotalSeconds:F1} s; console:\n{run.Output}";
}
