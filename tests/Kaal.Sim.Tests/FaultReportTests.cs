using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>A component's fault in the verdict, the report and the step log names the component once and the fault
/// by its kind: a translation fault (nothing mapped), a permission fault (mapped without the right), an alignment
/// fault, an unknown syscall; none is left as a bare number, and an unhandled unknown syscall ends the run as a fault.</summary>
public sealed class FaultReportTests
{
    private const ulong PageAddress = 0x40_0000;

    /// <summary>One component without a fault endpoint doing <paramref name="act"/> with a read-only page mapped.</summary>
    private sealed class FaultingScenario(string name, System.Func<Sys, System.Threading.Tasks.Task> act) : SimScenario
    {
        public override string Name => name;
        public override string Description => "a component that faults";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            WorldComponent worker = world.AddComponent("worker", priority: 50, core: 0, act);
            world.Map(worker, frame, PageAddress, VmRights.Read);
        }
    }

    private static (RunResult Result, System.Collections.Generic.IReadOnlyList<string> StepLog) RunOnce(System.Func<Sys, System.Threading.Tasks.Task> act)
    {
        var simulation = new Simulation(new FaultingScenario("faulting", act), new SimOptions(1000, CheckInvariants: false), keepStepLog: true);
        var strategy = new RandomStrategy();
        strategy.BeginSchedule(0, 1);
        return (simulation.Run(strategy, 1), simulation.StepLog);
    }

    [Theory]
    [InlineData("unmapped", "worker faulted: data abort (translation fault): load from 0x10, where nothing is mapped")]
    [InlineData("read-only", "worker faulted: data abort (permission fault): store to 0x400000, which is mapped without the write right")]
    [InlineData("misaligned", "worker faulted: alignment fault: load from 0x400004 is not 8-byte aligned")]
    public void A_data_abort_names_the_component_and_why_the_access_failed(string access, string expected)
    {
        (RunResult result, System.Collections.Generic.IReadOnlyList<string> log) = RunOnce(access switch
        {
            "unmapped" => async sys => await sys.Load(0x10),
            "read-only" => async sys => await sys.Store(PageAddress, 1),
            _ => async sys => await sys.Load(PageAddress + 4),
        });
        Assert.Equal(RunOutcome.ComponentFaulted, result.Outcome);
        Assert.Equal(expected, result.Message);
        Assert.Contains($"(worker): {expected}", Verdict.Line(result));
        string logged = expected["worker ".Length..] + "; no fault endpoint takes it: unhandled";
        Assert.Contains(log, line => line.EndsWith("worker " + logged, System.StringComparison.Ordinal));
        Assert.DoesNotContain(log, line => line.Contains("worker worker"));
    }

    [Fact]
    public void An_unhandled_unknown_syscall_ends_the_run_as_a_fault_naming_its_number()
    {
        (RunResult result, System.Collections.Generic.IReadOnlyList<string> log) = RunOnce(async sys => await sys.Syscall((Syscall)0x7F));
        Assert.Equal(RunOutcome.ComponentFaulted, result.Outcome);
        Assert.StartsWith("worker faulted: unknown syscall 127 (0x7F) at pc 0x", result.Message);
        Assert.Contains(log, line => line.Contains("worker faulted: unknown syscall 127 (0x7F)") && line.EndsWith("unhandled"));
    }
}
