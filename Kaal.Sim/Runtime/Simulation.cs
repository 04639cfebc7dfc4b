using System;
using System.Collections.Generic;
using System.Text;
using Kaal.Model;
using Kaal.Sim.Runtime.WeakMemory;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime;

/// <summary>
/// One schedule of a scenario: the real Kaal.Model kernel, booted and set up by the scenario, with the
/// components as coroutines. At every scheduling point the strategy picks which enabled thread performs
/// its next operation; the kernel does everything else exactly as on the machine. No wall clock, no
/// threads, no unseeded randomness: the decisions determine the run.
/// This is the core: the shared state, the scheduler loop and the step. It composes the parts that do the rest
/// (docs/architecture.md): <see cref="StepExecutor"/> (what a chosen thread does), <see cref="DeviceBus"/>,
/// <see cref="FaultInjector"/>, <see cref="WeakMemoryRun"/>, <see cref="LivenessChecker"/>, the checks
/// (<see cref="KernelInvariantCheck"/>, <see cref="FailureReport"/>, <see cref="DeadlockReport"/>) and, when asked for,
/// the <see cref="StepRecorder"/>.
/// </summary>
public sealed class Simulation
{
    private readonly SimState _state;
    private readonly ScheduleDecisions _decisions;
    private readonly EnabledThreads _enabled;
    private readonly StepExecutor _executor;
    private readonly DeviceBus _devices;
    private readonly FaultInjector _faults;
    private readonly WeakMemoryRun _weak;
    private readonly LivenessChecker _liveness;
    private readonly ObjectNames _names;
    private readonly DeadlockReport _deadlocks;
    private readonly FailureReport _failures;
    private readonly KernelInvariantCheck _invariants;
    /// <summary>Null unless the step log was asked for (it costs allocation).</summary>
    private readonly StepRecorder? _recorder;
    private readonly List<ulong>? _stateHashes;
    /// <summary>The kernel right after set-up; every schedule starts from a copy of it (DESIGN decision 2).</summary>
    private Kernel? _pristine;
    /// <summary>Stops the run when the scenario's C# state changed (it would leak into the next schedule).</summary>
    private ScenarioStateGuard? _stateGuard;
    private int _runsDone;

    static Simulation() => KernelPanicException.InstallHook();

    public Simulation(SimScenario scenario, SimOptions options, bool keepStepLog = false, bool recordStateHashes = false)
    {
        _state = new SimState(scenario, options);
        _names = new ObjectNames(_state);
        var waits = new WaitTargets(_state, _names);
        _recorder = keepStepLog ? new StepRecorder(_state, waits, new SyscallDescriber(_state, _names)) : null;
        _decisions = new ScheduleDecisions(_state);
        _weak = new WeakMemoryRun(_state, _decisions, _recorder);
        _faults = new FaultInjector(_state, _decisions, _recorder);
        _devices = new DeviceBus(_state, _faults, _recorder);
        _liveness = new LivenessChecker(_state, _recorder);
        _deadlocks = new DeadlockReport(_state, waits, _recorder);
        _failures = new FailureReport(_state);
        _invariants = new KernelInvariantCheck(_state);
        _enabled = new EnabledThreads(_state, _weak);
        _executor = new StepExecutor(_state, _weak, _faults, _devices, _deadlocks, _recorder);
        _stateHashes = recordStateHashes ? new List<ulong>() : null;
    }

    /// <summary>Called with each complete console line as the run produces it (UART and kernel debug console).</summary>
    public Action<string>? ConsoleLine
    {
        get => _devices.ConsoleLine;
        set => _devices.ConsoleLine = value;
    }

    /// <summary>Everything the last run printed.</summary>
    public string ConsoleText => _state.Machine is null ? "" : Encoding.ASCII.GetString(_state.Machine.Console.ToArray());

    /// <summary>Whether the last run ended with a SHUTDOWN syscall, and its exit code.</summary>
    public bool ShutDown => _state.Machine?.ShutDown ?? false;

    public ulong ExitCode => _state.Machine?.ExitCode ?? 0;

    /// <summary>The machine's devices (tests queue UART input here before a run).</summary>
    public SimMachineState? Machine => _state.Machine;

    /// <summary>The kernel's state hash after set-up and after every step of the last run (when asked for).</summary>
    public IReadOnlyList<ulong> StateHashes => _stateHashes ?? (IReadOnlyList<ulong>)Array.Empty<ulong>();

    /// <summary>A readable line per step of the last run (only when asked for: it costs allocation).</summary>
    public IReadOnlyList<string> StepLog => _recorder?.Lines ?? Array.Empty<string>();

    /// <summary>The same as structured events (with the step log): what each thread did, who woke whom.</summary>
    public IReadOnlyList<SimEvent> Events => _recorder?.Events ?? Array.Empty<SimEvent>();

    public Kernel Kernel => _state.Kernel;

    /// <summary>The components' threads (valid after the first run).</summary>
    public IReadOnlyList<SimThread> Threads => _state.Threads.All;

    /// <summary>The memory model this simulation runs under: the options', or the scenario's.</summary>
    public MemoryModel MemoryModel => _state.Options.MemoryModel ?? _state.Scenario.MemoryModel;

    private SimOptions Options => _state.Options;

    /// <summary>Runs one schedule from a fresh boot. <paramref name="faultSeed"/> seeds the fault plan when faults
    /// are on (the explorer passes the schedule's seed, a replay the trace's).</summary>
    public RunResult Run(IStrategy strategy, ulong faultSeed = 0)
    {
        RunResult result;
        try
        {
            _faults.Begin(faultSeed);
            _liveness.Reset();
            _deadlocks.Reset();
            result = RunSchedule(strategy);
        }
        catch (KernelPanicException panic)
        {
            result = Finish(RunOutcome.KernelBug, _decisions.Recorded.Count, panic.Message, "", new RunCause(_state.Step, "", "", panic.Message));
        }
        _stateGuard?.Check(_runsDone++);
        return result;
    }

    /// <summary>The scheduler loop: from the set-up state, a step at a time until the run ends.</summary>
    private RunResult RunSchedule(IStrategy strategy)
    {
        StartFromSetUp();
        _decisions.Begin(strategy);
        _weak.BeginSchedule();
        _recorder?.Clear();
        _names.Reset();
        _state.Step = 0;
        _stateHashes?.Clear();
        string? failure = _executor.Settle();
        _stateHashes?.Add(_state.Kernel.StateHash());
        for (int step = 0; failure is null; step++)
        {
            RunResult? end = EndBeforeStep(step) ?? Step(step, ref failure);
            if (end is not null) return end;
        }
        return Finish(_failures.Classify(), 0, failure, "", _failures.Cause(0, failure));
    }

    /// <summary>The run's end before step <paramref name="step"/>: the system shut down, or the step limit.</summary>
    private RunResult? EndBeforeStep(int step)
    {
        if (_state.Machine.ShutDown) return FinishLive(step, $"the system shut down (exit code {_state.Machine.ExitCode})");
        if (step < Options.MaxSteps) return null;
        if (_liveness.AnyHot) return LivenessViolation(step, $"was still hot at the step limit ({Options.MaxSteps})");
        return _state.Scenario.EndlessRunIsBug
            ? Finish(RunOutcome.LivenessViolation, step, $"the run did not end within {Options.MaxSteps} steps, and the scenario declares a run that never ends a bug (EndlessRunIsBug)", _deadlocks.WaitForGraph())
            : Finish(RunOutcome.StepLimit, step, $"no end after {Options.MaxSteps} steps", "");
    }

    /// <summary>
    /// One step: the strategy picks an enabled thread, it performs its next operation (or crashes, injected), the
    /// threads settle, time advances a tick and interrupts are delivered, then the checks. The run's end when the step
    /// ended it (else null, with <paramref name="failure"/> set when the step failed and the loop is to stop).
    /// </summary>
    private RunResult? Step(int step, ref string? failure)
    {
        _faults.BeginStep(step);
        _state.Step = step;
        int count = _enabled.Collect(out int running);
        if (count == 0) return NothingEnabled(step, ref failure);
        uint thread = ChooseThread(step, count, running);
        failure = _faults.InjectsCrash(thread, step)
            ? _executor.RaiseFault(_state.Threads[thread]!, _state.Kernel.ThreadAt(thread).Core, 0, "crashed (injected fault)")
            : _executor.Execute(thread, step);
        failure ??= _executor.Settle();
        _weak.CheckStep(failure, step, _executor);
        if (_weak.Infeasible is not null)
        {
            return Finish(RunOutcome.Infeasible, step + 1, $"not an ARMv8 execution, discarded: {_weak.Infeasible}", "");
        }
        failure = AfterStep(step, failure);
        if (failure is null)
        {
            CollectMarks(step);
            if (_liveness.ThresholdExceeded(step))
            {
                return LivenessViolation(step + 1, $"exceeded its temperature threshold ({Options.LivenessThresholdSteps} steps)");
            }
            return null;
        }
        _recorder?.NoteFailure(step, failure);
        return Finish(_failures.Classify(), step + 1, failure, _weak.ExplainMemory(), _failures.Cause(step, failure));
    }

    /// <summary>Nothing can run: time jumps to the timer if it is armed, else the run ends (every component finished,
    /// or a deadlock).</summary>
    private RunResult? NothingEnabled(int step, ref string? failure)
    {
        if (_devices.AdvanceClockToTimer())
        {
            failure = _executor.Settle();
            return null;
        }
        if (_state.Threads.AllFinished())
        {
            return FinishLive(step, _state.Threads.DaemonsServing() is string daemons ? $"every component finished; daemons still serving: {daemons}" : "every component finished");
        }
        return Finish(RunOutcome.Deadlock, step, "deadlock: nothing can run and not every component finished (daemons excepted)", _deadlocks.WaitForGraph(), _deadlocks.Cause());
    }

    /// <summary>The strategy's choice among the enabled threads (told what it asks to know about them), overridden in
    /// the fair phase, and recorded.</summary>
    private uint ChooseThread(int step, int count, int running)
    {
        if (_decisions.DependencyAware is { WantsFootprints: true } dependencyAware) dependencyAware.ObserveFootprints(_enabled.Footprints(count));
        _decisions.PreemptionAware?.ObservePreemptions(_enabled.Preemptions(count));
        ReadOnlySpan<uint> enabled = _enabled.Span(count);
        int choice = _decisions.ChooseThread(enabled, running, step);
        if (_liveness.MustBeFair(step)) choice = _liveness.FairChoice(enabled);
        uint thread = enabled[choice];
        _decisions.Add(thread);
        _liveness.Ran(thread, step);
        return thread;
    }

    /// <summary>Between steps: a tick of the clock, interrupts, the state hash, the invariant checks, the console.</summary>
    private string? AfterStep(int step, string? failure)
    {
        _state.Machine.Devices.NowTicks++;
        if (failure is null && _devices.DeliverInterrupts(step)) failure = _executor.Settle();
        _stateHashes?.Add(_state.Kernel.StateHash());
        if (failure is null && Options.CheckInvariants && (step + 1) % _state.Scenario.InvariantCheckIntervalSteps == 0)
        {
            failure = _invariants.Check();
        }
        _devices.EmitConsoleLines();
        return failure;
    }

    /// <summary>What the components marked during the step: liveness monitors (a transition is an event) and object names.</summary>
    private void CollectMarks(int step)
    {
        List<SimThread> threads = _state.Threads.All;
        for (int index = 0; index < threads.Count; index++)
        {
            SimThread thread = threads[index];
            if (thread.ObjectNames.Count > 0) _names.Collect(thread);
            if (thread.LivenessMarks.Count > 0) _liveness.Collect(thread, step);
        }
    }

    /// <summary>The first schedule builds the world and keeps a copy; later ones restore that copy.</summary>
    private void StartFromSetUp()
    {
        if (_pristine is null)
        {
            BuildWorld();
            _stateGuard = new ScenarioStateGuard(_state.Scenario, _state.Threads.Static);
            _pristine = new Kernel(_state.Scenario.Config.KernelConfig());
            _state.Kernel.CopyStateTo(_pristine);
            _state.Machine.Ram.KeepAsBaseline();
            _weak.ResetCores();
            return;
        }
        _pristine.CopyStateTo(_state.Kernel);
        _state.Machine.Reset();
        ResetThreads();
        _weak.ResetCores();
    }

    private void BuildWorld()
    {
        SimConfig config = _state.Scenario.Config;
        var kernel = new Kernel(config.KernelConfig());
        _state.Kernel = kernel;
        var regionList = new List<BootRegion> { new BootRegion(config.RamBaseAddr, config.RamSizeBytes, false) };
        if (config.WithDevices) regionList.AddRange(Devices.SimDevices.Regions(config.DeviceLayout));
        BootRegion[] regions = regionList.ToArray();
        Require(kernel.Boot(regions, regions.Length), "boot");
        Require(kernel.CreateRootThread(), "root thread");
        _state.Machine = new SimMachineState(config.RamBaseAddr, config.RamSizeBytes, config.DeviceLayout);
        var world = new WorldBuilder(kernel, _state.Machine, _state.Memory);
        _state.Scenario.Build(world);
        world.StartAll();
        int capacity = (int)kernel.Threads.Capacity;
        _state.Threads.Attach(world.Threads, capacity);
        _names.Attach(world.Labels);
        _liveness.Attach(capacity);
        _deadlocks.Attach(capacity);
        ResetThreads();
        _weak.Attach(MemoryModel);
    }

    /// <summary>Back to only the scenario's own threads, each not started, and the devices' console and input.</summary>
    private void ResetThreads()
    {
        _devices.Reset();
        _state.Threads.ResetToStatic();
    }

    private static void Require(in KernelResult result, string what)
    {
        if (!result.IsOk) throw new SimulationException($"{what} failed: {result.Error} ({result.Reason})");
    }

    private RunResult Finish(RunOutcome outcome, int steps, string message, string report, RunCause? cause = null)
    {
        _devices.EmitConsoleLines();
        IReadOnlyList<uint> decisions = _decisions.Recorded.ToArray();
        if (outcome is RunOutcome.Passed or RunOutcome.Deadlock or RunOutcome.SystemFailed && Options.CheckInvariants && _state.Scenario.InvariantCheckIntervalSteps > 1)
        {
            string? broken = _invariants.Check();
            if (broken is not null) return new(RunOutcome.KernelBug, steps, decisions, broken, "", new RunCause(Math.Max(0, steps - 1), "", "", broken), _liveness.HotSteps);
        }
        return new(outcome, steps, decisions, message, report + _failures.ComponentExceptions(), cause, _liveness.HotSteps);
    }

    /// <summary>A normal end, unless a liveness monitor is still hot (the progress it waited for never came) or the
    /// system shut down saying it failed (an exit code other than the scenario's expected one, 0 unless its manifest
    /// says: the shutdown step is the cause). Under injected faults a non-zero exit code is how a system reports the
    /// faults it was given, not a bug by itself (docs/faults.md).</summary>
    private RunResult FinishLive(int step, string message)
    {
        CollectMarks(step);
        if (_liveness.AnyHot) return LivenessViolation(step, $"was still hot when the run ended ({message})", ended: true);
        ulong expected = _state.Scenario.ExpectedExitCode;
        SimMachineState machine = _state.Machine;
        string unanswered = _deadlocks.UnansweredCalls();
        if (!machine.ShutDown || machine.ExitCode == expected || _faults.IsOn) return Finish(RunOutcome.Passed, step, message, unanswered);
        string failed = expected == 0
            ? $"the system shut down with exit code {machine.ExitCode}"
            : $"the system shut down with exit code {machine.ExitCode} (its manifest expects {expected})";
        return Finish(RunOutcome.SystemFailed, step, failed, unanswered, new RunCause(Math.Max(0, step - 1), "", "", failed));
    }

    /// <summary>A liveness violation; one found when the run ended also lists the Calls left unanswered.</summary>
    private RunResult LivenessViolation(int step, string why, bool ended = false)
    {
        (string message, string report, RunCause cause) = _liveness.Violation(step, why, ended);
        return Finish(RunOutcome.LivenessViolation, step, message, ended ? report + _deadlocks.UnansweredCalls() : report, cause);
    }

    /// <summary>
    /// Certification: replays <paramref name="prefix"/> (a recorded run's decisions up to the start of a step,
    /// with the certificates of its promises) and lists the stores <paramref name="thread"/> makes when it then
    /// runs alone.
    /// </summary>
    internal StoreAhead[] CertifyStoresAhead(uint[] prefix, StoreAhead[][] certificates, uint thread, int maxOperations)
    {
        _weak.KnownCertificates = certificates;
        try
        {
            RunSchedule(new PrefixReplay(prefix));
            throw new SimulationException("certification: the replayed prefix ended the run before the promising step");
        }
        catch (PrefixEndException)
        {
        }
        finally
        {
            _weak.KnownCertificates = null;
        }
        var stores = new List<StoreAhead>();
        _weak.RunAlone(_executor, thread, _state.Step, maxOperations, stores);
        return stores.ToArray();
    }
}
