using System;
using System.Collections.Generic;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime.WeakMemory;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The simulation's side of the ARMv8 model (<see cref="ArmMemory"/>): recorded alternatives, kernel entries,
/// promises with their certification, and the checks that discard runs whose promises fail.
/// </summary>
public sealed partial class Simulation
{
    /// <summary>Asks the strategy for one of <paramref name="count"/> alternatives and records the answer (or
    /// takes alternative 0 without recording while a thread runs alone).</summary>
    private int ChooseAlternative(ChoiceKind kind, int count)
    {
        if (_autoAlternatives) return 0;
        int choice = _strategy.ChooseAlternative(kind, count, _step);
        if ((uint)choice >= (uint)count)
        {
            throw new SimulationException($"strategy {_strategy.Name} chose alternative {choice} of {count} for {Decision.Name(kind)} at step {_step}");
        }
        _decisions.Add(Decision.Alternative(kind, choice));
        return choice;
    }

    /// <summary>A core that switched threads since the last look went through the kernel (a preemption, a
    /// thread blocking, finishing or being woken there): it synchronises with the kernel's view.</summary>
    private void SyncSwitchedCores()
    {
        if (_weak is null) return;
        for (int core = 0; core < _lastCurrent.Length; core++)
        {
            int current = (int)_kernel.Core(core).Current;
            if (current == _lastCurrent[core]) continue;
            _lastCurrent[core] = current;
            _weak.EnterKernel(core);
        }
    }

    /// <summary>The chosen thread promises one of the stores it will make shortly, instead of running its
    /// pending operation. False when it has nothing to promise (it then runs the operation).</summary>
    private bool TryPromise(SimThread sim, int core, int step)
    {
        StoreAhead[] stores = _knownCertificates is not null && _certificates.Count < _knownCertificates.Length
            ? _knownCertificates[_certificates.Count]
            : (_certifier ??= new PromiseCertifier(_scenario, _options)).StoresAhead(_decisions, _stepFirstDecision, _certificates, sim.ModelThread);
        _certificates.Add(stores);
        if (stores.Length == 0)
        {
            _weak!.PromiseAttemptVoid();
            (_strategy as IVoidAlternativeAware)?.LastAlternativeWasVoid();
            return false;
        }
        StoreAhead store = stores[stores.Length == 1 ? 0 : ChooseAlternative(ChoiceKind.PromiseTarget, stores.Length)];
        _weak!.Promise(core, sim.ModelThread, store, step);
        if (_log is not null) Note(step, SimEventKind.Promise, sim, $"promises [0x{store.VirtAddr:X}] = {store.Value} (its store {store.Distance} operation(s) ahead becomes visible now)");
        return true;
    }

    /// <summary>A promise can only be kept by its thread's own store, before the thread enters the kernel: why
    /// this run can no longer keep one, or null.</summary>
    private string? PromiseBroken()
    {
        if (_weak!.OutstandingPromises == 0) return null;
        _weak.PromisingThreads(_promising);
        foreach (uint thread in _promising)
        {
            SimThread sim = _threadByModel[thread]!;
            if (sim.Status != SimThreadStatus.PendingOperation) return $"{sim.Name} {(sim.Status == SimThreadStatus.Finished ? "finished" : "stopped")} without making the store it promised";
            if (sim.Pending.Kind == OperationKind.Syscall) return $"{sim.Name} reached a syscall ({sim.Pending.Number}) before making the store it promised";
            if (_kernel.Core(_kernel.ThreadAt(thread).Core).Current != thread) return $"{sim.Name} was switched out before making the store it promised";
        }
        return null;
    }

    /// <summary>
    /// A failure with promises outstanding counts only if they can be kept: each promising thread runs alone
    /// (no decisions, every load reading the newest write it may) until it has made its promised store. Why not,
    /// or null.
    /// </summary>
    private string? ValidatePromises(int step)
    {
        if (_weak!.OutstandingPromises == 0) return null;
        string? broken = PromiseBroken();
        if (broken is not null) return broken;
        _weak.PromisingThreads(_promising);
        foreach (uint thread in _promising.ToArray())
        {
            if (_log is not null) Note(step, SimEventKind.Check, _threadByModel[thread]!, "runs alone until it makes the store it promised (is the failure real?)");
            string? stopped = RunAlone(thread, step, PromiseCertifier.LookaheadOperations, null);
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
    private string? RunAlone(uint thread, int step, int maxOperations, List<StoreAhead>? stores)
    {
        SimThread sim = _threadByModel[thread]!;
        int core = _kernel.ThreadAt(thread).Core;
        var seenWords = new List<int>();
        // A store after an earlier store of the thread that a release or a barrier orders before it can never
        // keep a promise made now: that earlier store runs after the promise, so its timestamp is newer.
        bool stored = false, storesOrdered = false;
        _autoAlternatives = true;
        try
        {
            if (_kernel.Core(core).Current != thread)
            {
                _kernel.PreemptFor(core, thread);
                SyncSwitchedCores();
            }
            for (int operation = 0; operation < maxOperations; operation++)
            {
                if (stores is null && !_weak!.HasPromise(thread)) return null;
                if (sim.Status != SimThreadStatus.PendingOperation || sim.Pending.Kind == OperationKind.Syscall) break;
                if (sim.Pending.Kind == OperationKind.Store && stores is not null)
                {
                    if ((sim.Pending.VirtAddr & 7) != 0 || !_kernel.TranslateUserAddress(thread, sim.Pending.VirtAddr, VmRights.Write, out ulong physAddr)) break;
                    int word = _machineState.WordIndex(physAddr);
                    bool keepable = !storesOrdered && !(stored && sim.Pending.Order == MemoryOrder.Release);
                    if (!seenWords.Contains(word))
                    {
                        seenWords.Add(word);
                        if (operation > 0 && keepable) stores.Add(new StoreAhead(word, sim.Pending.VirtAddr, sim.Pending.Value, operation));
                    }
                    stored = true;
                }
                storesOrdered |= stored && sim.Pending.Kind == OperationKind.Barrier && sim.Pending.Barrier != BarrierKind.Loads;
                string? failure = Perform(sim, core, step);
                if (failure is not null || _infeasible is not null) break;
            }
        }
        finally
        {
            _autoAlternatives = false;
        }
        if (stores is not null || !_weak!.HasPromise(thread)) return null;
        return _infeasible ?? $"{sim.Name} cannot make the store it promised (it reaches {(sim.Status == SimThreadStatus.PendingOperation ? sim.Pending.Kind.ToString().ToLowerInvariant() : sim.Status.ToString().ToLowerInvariant())} first)";
    }

    /// <summary>
    /// Certification: replays <paramref name="prefix"/> (a recorded run's decisions up to the start of a step,
    /// with the certificates of its promises) and lists the stores <paramref name="thread"/> makes when it then
    /// runs alone.
    /// </summary>
    internal StoreAhead[] CertifyStoresAhead(uint[] prefix, StoreAhead[][] certificates, uint thread, int maxOperations)
    {
        _knownCertificates = certificates;
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
            _knownCertificates = null;
        }
        var stores = new List<StoreAhead>();
        RunAlone(thread, _step, maxOperations, stores);
        return stores.ToArray();
    }

    /// <summary>For a failure under the ARMv8 model: the failing thread's last loads and the writes they read.</summary>
    private string ExplainMemory()
    {
        if (_weak is null) return "";
        foreach (SimThread thread in _threads)
        {
            if (thread.Status == SimThreadStatus.Failed) return _weak.Explain(thread.ModelThread, NameOf);
        }
        return "";
    }
}
