using System;
using System.Collections.Generic;
using System.Text;
using Kaal.Model;
using System.Threading.Tasks;
using Kaal.Sdk;
using Kaal.Sim.Runtime.WeakMemory;
using Kaal.Sim.Faults;
using Kaal.Sim.Liveness;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime;

/// <summary>
/// One schedule of a scenario: the real Kaal.Model kernel, booted and set up by the scenario, with the
/// components as coroutines. At every scheduling point the strategy picks which enabled thread performs
/// its next operation; the kernel does everything else exactly as on the machine. No wall clock, no
/// threads, no unseeded randomness: the decisions determine the run.
/// </summary>
public sealed partial class Simulation
{
    private readonly SimScenario _scenario;
    private readonly SimOptions _options;
    private readonly uint[] _enabled = new uint[64];
    private readonly Footprint[] _footprints = new Footprint[64];
    private readonly bool[] _preempts = new bool[64];
    private Kernel _kernel = null!;
    /// <summary>Stops the run when the scenario's C# state changed (it would leak into the next schedule).</summary>
    private ScenarioStateGuard? _stateGuard;
    private int _runsDone;
    private int _hotSteps;
    /// <summary>The kernel right after set-up; every schedule starts from a copy of it (DESIGN decision 2).</summary>
    private Kernel? _pristine;
    private readonly List<ulong>? _stateHashes;
    private SimMachineState _machineState = null!;
    private SimThread?[] _threadByModel = Array.Empty<SimThread?>();
    /// <summary>The threads the scenario added in set-up.</summary>
    private IReadOnlyList<SimThread> _staticThreads = Array.Empty<SimThread>();
    /// <summary>Every thread of this run: the static ones, then spawned ones in the order they first ran.</summary>
    private readonly List<SimThread> _threads = new();
    private readonly ThreadMemory _memory;
    private FaultPlan? _faults;
    private readonly LivenessTracker _liveness = new();
    /// <summary>When each Model thread last performed a step (for the fair phase of liveness checking).</summary>
    private int[] _lastRunStep = Array.Empty<int>();
    /// <summary>When each Model thread last blocked in a syscall (a deadlock report points at the latest of the stuck ones).</summary>
    private int[] _blockedAtStep = Array.Empty<int>();
    /// <summary>How often each component (by name: a restart is a new thread) faulted this run, injected or not.</summary>
    private readonly Dictionary<string, int> _faultsByComponent = new(StringComparer.Ordinal);
    private int _consoleLineStart;
    /// <summary>Objects named by the scenario's set-up (kept across runs).</summary>
    private IReadOnlyDictionary<uint, string> _setupLabels = new Dictionary<uint, string>();
    /// <summary>This run's object names: the set-up's, and those components gave with <c>sys.Name</c> (by object index).</summary>
    private readonly Dictionary<uint, string> _labels = new();
    private readonly List<uint> _decisions = new();
    private readonly List<string>? _log;
    private readonly List<SimEvent>? _events;
    private IStrategy _strategy = null!;
    private int _step;
    /// <summary>Where the current step's thread choice sits in <see cref="_decisions"/>.</summary>
    private int _stepFirstDecision;
    /// <summary>Null under sequential consistency (and on one core, where ARMv8 is the same).</summary>
    private ArmMemory? _weak;
    private PromiseCertifier? _certifier;
    /// <summary>What each promise of this run could promise, in order (handed to certification replays).</summary>
    private readonly List<StoreAhead[]> _certificates = new();
    /// <summary>Certification replays are handed the certificates of the run they replay.</summary>
    private StoreAhead[][]? _knownCertificates;
    private readonly List<uint> _promising = new();
    private int[] _lastCurrent = Array.Empty<int>();
    /// <summary>Set when the run turns out not to be an ARMv8 execution.</summary>
    private string? _infeasible;
    /// <summary>Running a thread alone (certification, validation): alternatives are 0 and not recorded.</summary>
    private bool _autoAlternatives;

    static Simulation() => KernelPanicException.InstallHook();

    public Simulation(SimScenario scenario, SimOptions options, bool keepStepLog = false, bool recordStateHashes = false)
    {
        _scenario = scenario;
        _options = options;
        _log = keepStepLog ? new List<string>() : null;
        _events = keepStepLog ? new List<SimEvent>() : null;
        _stateHashes = recordStateHashes ? new List<ulong>() : null;
        _memory = new ThreadMemory(() => _kernel, () => _machineState);
    }

    /// <summary>Called with each complete console line as the run produces it (UART and kernel debug console).</summary>
    public Action<string>? ConsoleLine { get; set; }

    /// <summary>Everything the last run printed.</summary>
    public string ConsoleText => _machineState is null ? "" : Encoding.ASCII.GetString(_machineState.Console.ToArray());

    /// <summary>Whether the last run ended with a SHUTDOWN syscall, and its exit code.</summary>
    public bool ShutDown => _machineState?.ShutDown ?? false;

    public ulong ExitCode => _machineState?.ExitCode ?? 0;

    /// <summary>The machine's devices (tests queue UART input here before a run).</summary>
    public SimMachineState? Machine => _machineState;

    /// <summary>The kernel's state hash after set-up and after every step of the last run (when asked for).</summary>
    public IReadOnlyList<ulong> StateHashes => _stateHashes ?? (IReadOnlyList<ulong>)Array.Empty<ulong>();

    /// <summary>A readable line per step of the last run (only when asked for: it costs allocation).</summary>
    public IReadOnlyList<string> StepLog => _log ?? (IReadOnlyList<string>)Array.Empty<string>();

    /// <summary>The same as structured events (with the step log): what each thread did, who woke whom.</summary>
    public IReadOnlyList<SimEvent> Events => _events ?? (IReadOnlyList<SimEvent>)Array.Empty<SimEvent>();

    public Kernel Kernel => _kernel;

    /// <summary>The components' threads (valid after the first run).</summary>
    public IReadOnlyList<SimThread> Threads => _threads;

    /// <summary>The memory model this simulation runs under: the options', or the scenario's.</summary>
    public MemoryModel MemoryModel => _options.MemoryModel ?? _scenario.MemoryModel;

    /// <summary>Runs one schedule from a fresh boot.</summary>
    /// <summary>Runs one schedule from a fresh boot. <paramref name="faultSeed"/> seeds the fault plan when faults
    /// are on (the explorer passes the schedule's seed, a replay the trace's).</summary>
    public RunResult Run(IStrategy strategy, ulong faultSeed = 0)
    {
        RunResult result;
        try
        {
            _faults = _options.Faults is { IsNone: false } settings ? new FaultPlan(settings, faultSeed) : null;
            _liveness.Reset();
            _hotSteps = 0;
            Array.Fill(_lastRunStep, -1);
            Array.Fill(_blockedAtStep, -1);
            _faultsByComponent.Clear();
            result = RunSchedule(strategy);
        }
        catch (KernelPanicException panic)
        {
            result = Finish(RunOutcome.KernelBug, _decisions.Count, panic.Message, "", new RunCause(_step, "", "", panic.Message));
        }
        _stateGuard?.Check(_runsDone++);
        return result;
    }

    private RunResult RunSchedule(IStrategy strategy)
    {
        StartFromSetUp();
        _strategy = strategy;
        _decisions.Clear();
        _certificates.Clear();
        _infeasible = null;
        _log?.Clear();
        _events?.Clear();
        _labels.Clear();
        foreach (KeyValuePair<uint, string> label in _setupLabels) _labels.Add(label.Key, label.Value);
        _step = 0;
        _stateHashes?.Clear();
        string? failure = Settle();
        _stateHashes?.Add(_kernel.StateHash());
        for (int step = 0; failure is null; step++)
        {
            if (_machineState.ShutDown) return FinishLive(step, $"the system shut down (exit code {_machineState.ExitCode})");
            if (step >= _options.MaxSteps)
            {
                if (_liveness.AnyHot) return LivenessViolation(step, $"was still hot at the step limit ({_options.MaxSteps})");
                return _scenario.EndlessRunIsBug
                    ? Finish(RunOutcome.LivenessViolation, step, $"the run did not end within {_options.MaxSteps} steps, and the scenario declares a run that never ends a bug (EndlessRunIsBug)", WaitForGraph())
                    : Finish(RunOutcome.StepLimit, step, $"no end after {_options.MaxSteps} steps", "");
            }
            _faults?.BeginStep(step);
            _step = step;
            int count = CollectEnabled(out int running);
            if (count == 0)
            {
                if (AdvanceClockToTimer())
                {
                    failure = Settle();
                    continue;
                }
                return AllFinished()
                    ? FinishLive(step, DaemonsServing() is string daemons ? $"every component finished; daemons still serving: {daemons}" : "every component finished")
                    : Finish(RunOutcome.Deadlock, step, "deadlock: nothing can run and not every component finished (daemons excepted)", WaitForGraph(), DeadlockCause());
            }
            if (strategy is IDependencyAware { WantsFootprints: true } dependencyAware) dependencyAware.ObserveFootprints(Footprints(count));
            if (strategy is IPreemptionAware preemptionAware) preemptionAware.ObservePreemptions(Preemptions(count));
            _step = step;
            _stepFirstDecision = _decisions.Count;
            int choice = strategy.Choose(_enabled.AsSpan(0, count), running, step);
            if ((uint)choice >= (uint)count)
            {
                throw new SimulationException($"strategy {strategy.Name} chose option {choice} of {count} at step {step}");
            }
            if (MustBeFair(step)) choice = FairChoice(count);
            uint thread = _enabled[choice];
            _decisions.Add(thread);
            _lastRunStep[thread] = step;
            if (_liveness.AnyHot)
            {
                _hotSteps++;
                _liveness.Record(Fingerprint(), step, Describe(thread));
            }
            failure = InjectCrash(thread, step) ? RaiseFault(_threadByModel[thread]!, _kernel.ThreadAt(thread).Core, 0, $"{_threadByModel[thread]!.Name} crashed (injected fault)") : Execute(thread, step);
            failure ??= Settle();
            if (_weak is not null && _infeasible is null) _infeasible = failure is null ? PromiseBroken() : ValidatePromises(step);
            if (_infeasible is not null)
            {
                return Finish(RunOutcome.Infeasible, step + 1, $"not an ARMv8 execution, discarded: {_infeasible}", "");
            }
            _machineState.Devices.NowTicks++;
            if (failure is null && DeliverInterrupts(step)) failure = Settle();
            _stateHashes?.Add(_kernel.StateHash());
            if (failure is null && _options.CheckInvariants && (step + 1) % _scenario.InvariantCheckIntervalSteps == 0)
            {
                failure = CheckKernel();
            }
            EmitConsoleLines();
            if (failure is null)
            {
                CollectMarks(step);
                (string monitor, int hotSteps) = _liveness.Hottest(step, _options.Faults?.HealAfterSteps ?? 0);
                if (_liveness.AnyHot && hotSteps > _options.LivenessThresholdSteps)
                {
                    return LivenessViolation(step + 1, $"exceeded its temperature threshold ({_options.LivenessThresholdSteps} steps)");
                }
            }
            if (failure is not null)
            {
                if (_log is not null) NoteFailure(step, failure);
                return Finish(Classify(), step + 1, failure, ExplainMemory(), FailureCause(step, failure));
            }
        }
        return Finish(Classify(), 0, failure, "", FailureCause(0, failure));
    }

    /// <summary>The first schedule builds the world and keeps a copy; later ones restore that copy.</summary>
    private void StartFromSetUp()
    {
        if (_pristine is null)
        {
            BuildWorld();
            _stateGuard = new ScenarioStateGuard(_scenario, _staticThreads);
            _pristine = new Kernel(_scenario.Config.KernelConfig());
            _kernel.CopyStateTo(_pristine);
            _machineState.Ram.KeepAsBaseline();
            ResetCores();
            return;
        }
        _pristine.CopyStateTo(_kernel);
        _machineState.Reset();
        RegisterStaticThreads();
        ResetCores();
    }

    /// <summary>Memory as set up, no core has entered the kernel yet this run.</summary>
    private void ResetCores()
    {
        _weak?.Reset();
        for (int core = 0; core < _lastCurrent.Length; core++) _lastCurrent[core] = (int)_kernel.Core(core).Current;
    }

    private void BuildWorld()
    {
        SimConfig config = _scenario.Config;
        _kernel = new Kernel(config.KernelConfig());
        var regionList = new List<BootRegion> { new BootRegion(config.RamBaseAddr, config.RamSizeBytes, false) };
        if (config.WithDevices) regionList.AddRange(Devices.SimDevices.Regions(config.DeviceLayout));
        BootRegion[] regions = regionList.ToArray();
        Require(_kernel.Boot(regions, regions.Length), "boot");
        Require(_kernel.CreateRootThread(), "root thread");
        _machineState = new SimMachineState(config.RamBaseAddr, config.RamSizeBytes, config.DeviceLayout);
        var world = new WorldBuilder(_kernel, _machineState, _memory);
        _scenario.Build(world);
        world.StartAll();
        _staticThreads = world.Threads;
        _setupLabels = world.Labels;
        _threadByModel = new SimThread?[_kernel.Threads.Capacity];
        _lastRunStep = new int[_kernel.Threads.Capacity];
        _blockedAtStep = new int[_kernel.Threads.Capacity];
        RegisterStaticThreads();
        if (MemoryModel == MemoryModel.Arm && _kernel.CoreCount > 1)
        {
            _weak = new ArmMemory(_machineState, _kernel.CoreCount, (int)_kernel.Threads.Capacity, _options.PromiseBudget, ChooseAlternative);
            _lastCurrent = new int[_kernel.CoreCount];
        }
    }

    private static void Require(in KernelResult result, string what)
    {
        if (!result.IsOk) throw new SimulationException($"{what} failed: {result.Error} ({result.Reason})");
    }

    /// <summary>
    /// Enabled: on each core, the running thread and every thread ready at its priority (the explorer may
    /// preempt the one for the other); nothing of lower priority. Ascending Model thread order.
    /// </summary>
    private int CollectEnabled(out int running)
    {
        int count = 0;
        uint runningThread = Model.Thread.None;
        for (int core = 0; core < _kernel.CoreCount; core++)
        {
            ref readonly CoreState state = ref _kernel.Core(core);
            if (state.Current == state.Idle) continue;
            SimThread? current = ThreadFor(state.Current);
            if (current is not null && current.Status is SimThreadStatus.PendingOperation or SimThreadStatus.NotStarted)
            {
                Add(ref count, state.Current);
                if (runningThread == Model.Thread.None) runningThread = state.Current;
            }
            uint ready = _kernel.ReadyQueueHead(core, _kernel.ThreadAt(state.Current).Priority);
            for (int guard = 0; ready != Model.Thread.None && guard < _enabled.Length; guard++)
            {
                SimThread? candidate = ThreadFor(ready);
                if (candidate is not null && candidate.Status is not (SimThreadStatus.Finished or SimThreadStatus.Failed or SimThreadStatus.Faulted))
                {
                    Add(ref count, ready);
                }
                ready = _kernel.ThreadAt(ready).ReadyNext;
            }
        }
        running = runningThread == Model.Thread.None ? -1 : Array.IndexOf(_enabled, runningThread, 0, count);
        return count;
    }

    /// <summary>
    /// What each enabled thread's next step touches, for strategies that skip orders of independent steps
    /// (only computed for an <see cref="IDependencyAware"/> strategy). A memory access is keyed by the
    /// physical word it will touch (two address spaces may map one frame); one that will fault, a barrier, and
    /// every syscall, is Global; starting or resuming a component's code is Local. Under the ARMv8 model every
    /// access is Global: two stores to different words do not commute there (their order decides which views
    /// include which), so the search does not reduce.
    /// </summary>
    private ReadOnlySpan<Footprint> Footprints(int count)
    {
        for (int index = 0; index < count; index++)
        {
            SimThread sim = _threadByModel[_enabled[index]]!;
            ref PendingOperation op = ref sim.Pending;
            var kind = FootprintKind.Global;
            ulong physAddr = 0;
            if (sim.Status != SimThreadStatus.PendingOperation)
            {
                kind = FootprintKind.Local;
            }
            else if (op.Kind is OperationKind.Load or OperationKind.Store && _weak is null)
            {
                bool isStore = op.Kind == OperationKind.Store;
                if ((op.VirtAddr & 7) == 0 && _kernel.TranslateUserAddress(sim.ModelThread, op.VirtAddr, isStore ? VmRights.Write : VmRights.Read, out physAddr))
                {
                    kind = isStore ? FootprintKind.Write : FootprintKind.Read;
                }
            }
            _footprints[index] = new Footprint(kind, kind == FootprintKind.Global ? 0 : physAddr, sim.Progress);
        }
        return _footprints.AsSpan(0, count);
    }

    private void Add(ref int count, uint thread)
    {
        int position = count;
        while (position > 0 && _enabled[position - 1] > thread)
        {
            _enabled[position] = _enabled[position - 1];
            position--;
        }
        _enabled[position] = thread;
        count++;
    }

    /// <summary>The chosen thread gets the CPU (a preemption if it was only ready) and does its next thing.</summary>
    private string? Execute(uint thread, int step)
    {
        SimThread sim = _threadByModel[thread]!;
        int core = _kernel.ThreadAt(thread).Core;
        uint previous = _kernel.Core(core).Current;
        if (previous != thread)
        {
            _kernel.PreemptFor(core, thread);
            if (_log is not null) Note(step, SimEventKind.Preempt, sim, $"preempts {NameOf(previous)} on core {core}");
        }
        SyncSwitchedCores();
        switch (sim.Status)
        {
            case SimThreadStatus.NotStarted:
                if (_log is not null) Note(step, SimEventKind.Start, sim, "starts");
                sim.Start();
                return null;
            case SimThreadStatus.InKernel:
                if (_log is not null) Note(step, SimEventKind.Resume, sim, "resumes");
                sim.Resume(ResultOf(thread));
                return null;
            default:
                if (_weak is not null && sim.Pending.Kind != OperationKind.Syscall && _weak.CanPromise(thread)
                    && ChooseAlternative(ChoiceKind.Promise, 2) == 1 && TryPromise(sim, core, step))
                {
                    return null;
                }
                return Perform(sim, core, step);
        }
    }

    private string? Perform(SimThread sim, int core, int step)
    {
        var machine = new SimMachine(_machineState);
        ref PendingOperation op = ref sim.Pending;
        uint thread = sim.ModelThread;
        if (op.Kind == OperationKind.Syscall && IsRetype(op.Number) && _faults is not null && _faults.IsCandidate(FaultKinds.RetypeExhaustion)
            && ChooseAlternative(ChoiceKind.RetypeExhaustion, 2) == 1)
        {
            if (_log is not null) Note(step, SimEventKind.Syscall, sim, $"{op.Number} -> NotEnoughMemory (injected exhaustion)");
            sim.Resume(new SyscallResult(KernelError.NotEnoughMemory, (ulong)ErrorReason.UntypedExhausted, 0, 0, 0, 0, 0));
            return FaultOf(sim, core);
        }
        if (op.Kind == OperationKind.Syscall)
        {
            _weak?.EnterKernel(core);
            if (_log is not null) RememberThreadStates();
            _kernel.MakeSyscall(ref machine, core, op.Number, op.A0, op.A1, op.A2, op.A3, op.A4, op.A5, op.A6, op.A7);
            bool stillRunning = _kernel.Core(core).Current == thread && _kernel.ThreadAt(thread).State == ThreadState.Running;
            if (!stillRunning && IsBlocked(_kernel.ThreadAt(thread).State)) _blockedAtStep[thread] = step;
            if (_log is not null) NoteSyscall(sim, step, stillRunning);
            if (stillRunning) sim.Resume(ResultOf(thread));
            else sim.MarkInKernel();
            return FaultOf(sim, core);
        }
        if (op.Kind == OperationKind.SystemRegister) return PerformSystemRegister(sim, step);
        if (op.Kind == OperationKind.Mmio) return PerformMmio(sim, core, step);
        if (op.Kind == OperationKind.Barrier)
        {
            _weak?.Barrier(core, op.Barrier);
            if (_log is not null) Note(step, SimEventKind.Barrier, sim, $"barrier ({op.Barrier})");
            sim.Resume(default);
            return FaultOf(sim, core);
        }
        bool isStore = op.Kind == OperationKind.Store;
        VmRights needed = isStore ? VmRights.Write : VmRights.Read;
        if ((op.VirtAddr & 7) != 0 || !_kernel.TranslateUserAddress(thread, op.VirtAddr, needed, out ulong physAddr) || !_machineState.IsRam(physAddr))
        {
            return RaiseFault(sim, core, op.VirtAddr,
                $"{sim.Name} faulted: {(isStore ? "store to" : "load from")} 0x{op.VirtAddr:X}, which it has no {(isStore ? "writable" : "readable")} aligned mapping of RAM for");
        }
        if (isStore)
        {
            if (_weak is null)
            {
                machine.WriteWord(physAddr, op.Value);
            }
            else
            {
                _infeasible = _weak.Store(core, thread, _machineState.WordIndex(physAddr), op.VirtAddr, op.Value, op.Order, step);
                if (_infeasible is not null)
                {
                    _infeasible = $"{sim.Name}: {_infeasible}";
                    return null;
                }
            }
            if (_log is not null) Note(step, SimEventKind.Store, sim, $"store [0x{op.VirtAddr:X}] = {op.Value} ({op.Order})");
            sim.Resume(default);
        }
        else
        {
            ulong value = _weak is null ? machine.ReadWord(physAddr) : _weak.Load(core, thread, _machineState.WordIndex(physAddr), op.VirtAddr, op.Order, step);
            if (_log is not null) NoteLoad(sim, step, $"load [0x{op.VirtAddr:X}] -> {value} ({op.Order})");
            sim.Resume(new SyscallResult(KernelError.Ok, value, 0, 0, 0, 0, 0));
        }
        return FaultOf(sim, core);
    }

    /// <summary>
    /// A data abort of the thread running on <paramref name="core"/>: the kernel's fault path, as on the machine.
    /// With a fault endpoint its supervisor hears of it and the run goes on; without one the fault is unhandled,
    /// which ends the run as a bug (<paramref name="description"/>).
    /// </summary>
    private string? RaiseFault(SimThread sim, int core, ulong address, string description)
    {
        var machine = new SimMachine(_machineState);
        int unhandledBefore = _machineState.UnhandledFaults.Count;
        _kernel.HandleUserFault(ref machine, core, new FaultInfo(FaultKind.VmFault, _kernel.Register(sim.ModelThread, UserContext.Pc), address, 0));
        sim.MarkFaulted();
        _faultsByComponent[sim.Name] = FaultsOf(sim.Name) + 1;
        if (_log is not null) Note(_step, SimEventKind.Fault, sim, description);
        return _machineState.UnhandledFaults.Count > unhandledBefore ? description : null;
    }

    /// <summary>After the thread's code ran: an exception from it is a bug, except a data abort on private memory,
    /// which takes the kernel's fault path.</summary>
    private string? FaultOf(SimThread sim, int core)
    {
        if (sim.Status != SimThreadStatus.Failed) return null;
        if (sim.Failure is MemoryFaultException abort) return RaiseFault(sim, core, abort.VirtAddr, abort.Message);
        return FailureMessage(sim);
    }

    private SyscallResult ResultOf(uint thread) => ThreadResult.Of(_kernel, thread);

    /// <summary>
    /// Lets every core's running thread reach its next scheduling point: start components that have not
    /// run, resume those whose blocking syscall completed, retire those that finished (their thread is
    /// suspended, so the kernel picks the next). Each pass changes at least one thread, so it ends.
    /// </summary>
    private string? Settle()
    {
        for (int pass = 0; pass <= 3 * _threads.Count + _kernel.CoreCount; pass++)
        {
            bool changed = false;
            for (int core = 0; core < _kernel.CoreCount; core++)
            {
                ref readonly CoreState state = ref _kernel.Core(core);
                if (state.Current == state.Idle) continue;
                if (_kernel.ThreadAt(state.Current).State != ThreadState.Running) continue;
                SimThread? sim = ThreadFor(state.Current);
                if (sim is null) continue;
                string? failure;
                switch (sim.Status)
                {
                    case SimThreadStatus.NotStarted:
                        sim.Start();
                        failure = FaultOf(sim, core);
                        if (failure is not null) return failure;
                        changed = true;
                        break;
                    case SimThreadStatus.InKernel:
                        sim.Resume(ResultOf(state.Current));
                        failure = FaultOf(sim, core);
                        if (failure is not null) return failure;
                        changed = true;
                        break;
                    case SimThreadStatus.Faulted:
                        return $"{sim.Name} was resumed after a fault; the simulator cannot resume C# code at the faulting instruction";
                    case SimThreadStatus.Finished:
                        _kernel.TcbSuspend(Capability.ToObject(CapType.Tcb, _kernel.ThreadAt(state.Current).Tcb));
                        _kernel.ScheduleAllCores();
                        if (_log is not null) Note(_step, SimEventKind.Finish, sim, "finished");
                        changed = true;
                        break;
                    case SimThreadStatus.Failed:
                        return FaultOf(sim, core);
                }
            }
            if (!changed) return null;
        }
        throw new SimulationException("threads kept changing state without making a scheduling point");
    }

    private bool AllFinished()
    {
        foreach (SimThread thread in _threads)
        {
            if (thread.Status is not (SimThreadStatus.Finished or SimThreadStatus.Faulted) && !thread.IsDaemon && IsAlive(thread)) return false;
        }
        return true;
    }

    /// <summary>The daemons that have not finished (null when none): they serve for ever, so the run ends without them.</summary>
    private string? DaemonsServing()
    {
        var names = new List<string>();
        foreach (SimThread thread in _threads)
        {
            if (thread.IsDaemon && thread.Status != SimThreadStatus.Finished && IsAlive(thread)) names.Add(thread.Name);
        }
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    /// <summary>Its Model thread still exists (a torn-down component's coroutine is simply dropped).</summary>
    private bool IsAlive(SimThread thread) => _kernel.Threads.IsLive(thread.ModelThread, thread.Generation);

    private string? CheckKernel()
    {
        InvariantViolation capabilities = _kernel.CheckInvariants();
        if (!capabilities.IsNone) return $"kernel capability invariant broken: {capabilities.Kind} at {capabilities.Slot}/{capabilities.Other}";
        InvariantViolation scheduler = _kernel.CheckSchedulerInvariants();
        return scheduler.IsNone ? null : $"kernel scheduler invariant broken: {scheduler.Kind} at {scheduler.Slot}/{scheduler.Other}";
    }

    private RunOutcome Classify()
    {
        foreach (SimThread thread in _threads)
        {
            if (thread.Status == SimThreadStatus.Failed)
            {
                return thread.Failure is ComponentAssertionException ? RunOutcome.AssertionFailed : RunOutcome.ComponentFaulted;
            }
        }
        return _machineState.UnhandledFaults.Count > 0 ? RunOutcome.ComponentFaulted : RunOutcome.KernelBug;
    }

    private RunResult Finish(RunOutcome outcome, int steps, string message, string report, RunCause? cause = null)
    {
        EmitConsoleLines();
        if (outcome is RunOutcome.Passed or RunOutcome.Deadlock or RunOutcome.SystemFailed && _options.CheckInvariants && _scenario.InvariantCheckIntervalSteps > 1)
        {
            string? broken = CheckKernel();
            if (broken is not null) return new(RunOutcome.KernelBug, steps, _decisions.ToArray(), broken, "", new RunCause(Math.Max(0, steps - 1), "", "", broken), _hotSteps);
        }
        return new(outcome, steps, _decisions.ToArray(), message, report + ComponentExceptions(), cause, _hotSteps);
    }

    /// <summary>The step and the component whose failure ended the run (none for the kernel's own), and for an
    /// assertion its check's own words.</summary>
    private RunCause FailureCause(int step, string failure)
    {
        foreach (SimThread thread in _threads)
        {
            if (thread.Status is not (SimThreadStatus.Failed or SimThreadStatus.Faulted)) continue;
            return new RunCause(step, thread.Name, "", thread.Failure is ComponentAssertionException assertion ? assertion.Check : failure);
        }
        return new RunCause(step, "", "", failure);
    }

    private string NameOf(uint modelThread) => _threadByModel[modelThread]?.Name ?? $"thread {modelThread}";
}
