using System;
using System.Collections.Generic;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime.WeakMemory;

/// <summary>
/// The simulation's side of the ARMv8 model (<see cref="ArmMemory"/>; off under sequential consistency and on one
/// core, where ARMv8 is the same): loads and stores through it, kernel entries, promises with their certification,
/// and the checks that discard runs whose promises fail (<see cref="Infeasible"/>).
/// </summary>
internal sealed class WeakMemoryRun(SimState state, ScheduleDecisions decisions, StepRecorder? recorder)
{
    private ArmMemory? _arm;
    private PromiseCertifier? _certifier;
    /// <summary>What each promise of this run could promise, in order (handed to certification replays).</summary>
    private readonly List<StoreAhead[]> _certificates = new();
    private readonly List<uint> _promising = new();
    private int[] _lastCurrent = Array.Empty<int>();

    /// <summary>Null when off.</summary>
    public ArmMemory? Memory => _arm;

    /// <summary>Certification replays are handed the certificates of the run they replay.</summary>
    public StoreAhead[][]? KnownCertificates { get; set; }

    /// <summary>Set when the run turns out not to be an ARMv8 execution.</summary>
    public string? Infeasible { get; private set; }

    /// <summary>On for an ARMv8 simulation of more than one core (the world is built).</summary>
    public void Attach(MemoryModel model)
    {
        Kernel kernel = state.Kernel;
        if (model != MemoryModel.Arm || kernel.CoreCount <= 1) return;
        _arm = new ArmMemory(state.Machine, kernel.CoreCount, (int)kernel.Threads.Capacity, state.Options.PromiseBudget, decisions.ChooseAlternative);
        _lastCurrent = new int[kernel.CoreCount];
    }

    public void BeginSchedule()
    {
        _certificates.Clear();
        Infeasible = null;
    }

    /// <summary>Memory as set up, no core has entered the kernel yet this run.</summary>
    public void ResetCores()
    {
        _arm?.Reset();
        for (int core = 0; core < _lastCurrent.Length; core++) _lastCurrent[core] = (int)state.Kernel.Core(core).Current;
    }

    /// <summary>A core that switched threads since the last look went through the kernel (a preemption, a
    /// thread blocking, finishing or being woken there): it synchronises with the kernel's view.</summary>
    public void SyncSwitchedCores()
    {
        if (_arm is null) return;
        for (int core = 0; core < _lastCurrent.Length; core++)
        {
            int current = (int)state.Kernel.Core(core).Current;
            if (current == _lastCurrent[core]) continue;
            _lastCurrent[core] = current;
            _arm.EnterKernel(core);
        }
    }

    public void EnterKernel(int core) => _arm?.EnterKernel(core);

    public void Barrier(int core, BarrierKind kind) => _arm?.Barrier(core, kind);

    /// <summary>The store through the model; false (and <see cref="Infeasible"/> says why) when no ARMv8 execution
    /// makes it.</summary>
    public bool Store(SimThread sim, int core, int word, in PendingOperation op, int step)
    {
        Infeasible = _arm!.Store(core, sim.ModelThread, word, op.VirtAddr, op.Value, op.Order, step);
        if (Infeasible is null) return true;
        Infeasible = $"{sim.Name}: {Infeasible}";
        return false;
    }

    public ulong Load(SimThread sim, int core, int word, in PendingOperation op, int step) =>
        _arm!.Load(core, sim.ModelThread, word, op.VirtAddr, op.Order, step);

    /// <summary>Whether the chosen thread promises one of the stores it will make shortly instead of running its
    /// pending memory operation (a recorded alternative, within the promise budget).</summary>
    public bool PromisesInstead(SimThread sim, int core, int step) =>
        _arm is not null && sim.Pending.Kind != OperationKind.Syscall && _arm.CanPromise(sim.ModelThread)
        && decisions.ChooseAlternative(ChoiceKind.Promise, 2) == 1 && TryPromise(sim, core, step);

    /// <summary>False when it has nothing to promise (it then runs the operation).</summary>
    private bool TryPromise(SimThread sim, int core, int step)
    {
        StoreAhead[] stores = KnownCertificates is not null && _certificates.Count < KnownCertificates.Length
            ? KnownCertificates[_certificates.Count]
            : (_certifier ??= new PromiseCertifier(state.Scenario, state.Options)).StoresAhead(decisions.Recorded, decisions.StepFirstDecision, _certificates, sim.ModelThread);
        _certificates.Add(stores);
        if (stores.Length == 0)
        {
            _arm!.PromiseAttemptVoid();
            (decisions.Strategy as IVoidAlternativeAware)?.LastAlternativeWasVoid();
            return false;
        }
        StoreAhead store = stores[stores.Length == 1 ? 0 : decisions.ChooseAlternative(ChoiceKind.PromiseTarget, stores.Length)];
        _arm!.Promise(core, sim.ModelThread, store, step);
        recorder?.Note(step, SimEventKind.Promise, sim, $"promises [0x{store.VirtAddr:X}] = {store.Value} (its store {store.Distance} operation(s) ahead becomes visible now)");
        return true;
    }

    /// <summary>After a step: whether the run is still an ARMv8 execution. Without a failure every promise must still
    /// be keepable; with one, the promises must be kept for the failure to count (<see cref="ValidatePromises"/>).</summary>
    public void CheckStep(string? failure, int step, StepExecutor executor)
    {
        if (_arm is not null && Infeasible is null) Infeasible = failure is null ? PromiseBroken() : ValidatePromises(step, executor);
    }

    /// <summary>A promise can only be kept by its thread's own store, before the thread enters the kernel: why
    /// this run can no longer keep one, or null.</summary>
    private string? PromiseBroken()
    {
        if (_arm!.OutstandingPromises == 0) return null;
        _arm.PromisingThreads(_promising);
        foreach (uint thread in _promising)
        {
            SimThread sim = state.Threads[thread]!;
            if (sim.Status != SimThreadStatus.PendingOperation) return $"{sim.Name} {(sim.Status == SimThreadStatus.Finished ? "finished" : "stopped")} without making the store it promised";
            if (sim.Pending.Kind == OperationKind.Syscall) return $"{sim.Name} reached a syscall ({sim.Pending.Number}) before making the store it promised";
            if (state.Kernel.Core(state.Kernel.ThreadAt(thread).Core).Current != thread) return $"{sim.Name} was switched out before making the store it promised";
        }
        return null;
    }

    /// <summary>
    /// A failure with promises outstanding counts only if they can be kept: each promising thread runs alone
    /// (no decisions, every load reading the newest write it may) until it has made its promised store. Why not,
    /// or null.
    /// </summary>
    private string? ValidatePromises(int step, StepExecutor executor)
    {
        if (_arm!.OutstandingPromises == 0) return null;
        string? broken = PromiseBroken();
        if (broken is not null) return broken;
        _arm.PromisingThreads(_promising);
        foreach (uint thread in _promising.ToArray())
        {
            recorder?.Note(step, SimEventKind.Check, state.Threads[thread]!, "runs alone until it makes the store it promised (is the failure real?)");
            string? stopped = RunAlone(executor, thread, step, PromiseCertifier.LookaheadOperations, null);
            if (stopped is not null) return stopped;
        }
        return null;
    }

    /// <summary>
    /// Runs one thread's memory operations by itself, loads reading the newest write they may: with
    /// <paramref name="stores"/>, for <paramref name="maxOperations"/> operations collecting the first store to
    /// each word after the pending operation (certification); without, until it has no promise left
    /// (validation). Stops at a syscall, the thread's end, a fault or an infeasible store. Returns why it stopped
    /// short of its goal, or null.
    /// </summary>
    public string? RunAlone(StepExecutor executor, uint thread, int step, int maxOperations, List<StoreAhead>? stores)
    {
        SimThread sim = state.Threads[thread]!;
        int core = state.Kernel.ThreadAt(thread).Core;
        decisions.AutoAlternatives = true;
        try
        {
            if (state.Kernel.Core(core).Current != thread)
            {
                state.Kernel.PreemptFor(core, thread);
                SyncSwitchedCores();
            }
            RunOperationsAlone(executor, sim, core, step, maxOperations, stores);
        }
        finally
        {
            decisions.AutoAlternatives = false;
        }
        if (stores is not null || !_arm!.HasPromise(thread)) return null;
        return Infeasible ?? $"{sim.Name} cannot make the store it promised (it reaches {(sim.Status == SimThreadStatus.PendingOperation ? sim.Pending.Kind.ToString().ToLowerInvariant() : sim.Status.ToString().ToLowerInvariant())} first)";
    }

    private void RunOperationsAlone(StepExecutor executor, SimThread sim, int core, int step, int maxOperations, List<StoreAhead>? stores)
    {
        uint thread = sim.ModelThread;
        var seenWords = new List<int>();
        // A store after an earlier store of the thread that a release or a barrier orders before it can never
        // keep a promise made now: that earlier store runs after the promise, so its timestamp is newer.
        bool stored = false, storesOrdered = false;
        for (int operation = 0; operation < maxOperations; operation++)
        {
            if (stores is null && !_arm!.HasPromise(thread)) return;
            if (sim.Status != SimThreadStatus.PendingOperation || sim.Pending.Kind == OperationKind.Syscall) return;
            if (sim.Pending.Kind == OperationKind.Store && stores is not null)
            {
                if ((sim.Pending.VirtAddr & 7) != 0 || !state.Kernel.TranslateUserAddress(thread, sim.Pending.VirtAddr, VmRights.Write, out ulong physAddr)) return;
                int word = state.Machine.WordIndex(physAddr);
                bool keepable = !storesOrdered && !(stored && sim.Pending.Order == MemoryOrder.Release);
                if (!seenWords.Contains(word))
                {
                    seenWords.Add(word);
                    if (operation > 0 && keepable) stores.Add(new StoreAhead(word, sim.Pending.VirtAddr, sim.Pending.Value, operation));
                }
                stored = true;
            }
            storesOrdered |= stored && sim.Pending.Kind == OperationKind.Barrier && sim.Pending.Barrier != BarrierKind.Loads;
            string? failure = executor.Perform(sim, core, step);
            if (failure is not null || Infeasible is not null) return;
        }
    }

    /// <summary>For a failure under the ARMv8 model: the failing thread's last loads and the writes they read.</summary>
    public string ExplainMemory()
    {
        if (_arm is null) return "";
        foreach (SimThread thread in state.Threads.All)
        {
            if (thread.Status == SimThreadStatus.Failed) return _arm.Explain(thread.ModelThread, state.Threads.NameOf);
        }
        return "";
    }
}
