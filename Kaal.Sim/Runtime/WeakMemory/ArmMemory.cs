using System;
using System.Collections.Generic;
using System.Text;
using Kaal.Sdk;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime.WeakMemory;

/// <summary>
/// Shared memory under the ARMv8 model, following Promising-ARM (Pulte, Pichon-Pharabod, Kang, Lee, Hur,
/// PLDI 2019), which is proven equivalent to the Arm axiomatic model: memory is a list of write messages
/// (timestamp = position, from 1; 0 is the initial memory), each core has views (<see cref="CoreViews"/>), a
/// load may read any write to its location that is not older than what its core already knows, and a thread
/// may promise a store before it runs it, which is how a store becomes visible before earlier loads or stores.
/// The rules below are the paper's for LDR, LDAR, STR, STLR and DMB SY/LD/ST, with every dependency view 0
/// (address, data and control dependencies are not tracked: see docs/weak-memory.md). Every open choice is
/// asked of <c>choose</c>, so it is a recorded decision: which write a load reads (alternative 0 the newest).
/// The kernel is one big lock: entering it (a syscall, or switching the thread a core runs) publishes the
/// core's views to the kernel's and acquires the kernel's, as a full barrier would.
/// RAM always holds each word's newest write, so the kernel and sequentially consistent code read newest values.
/// </summary>
internal sealed class ArmMemory
{
    private readonly SimMachineState _machine;
    private readonly Func<ChoiceKind, int, int> _choose;
    private readonly CoreViews[] _cores;
    private readonly int[] _locationOfWord;
    private readonly List<int> _wordsWithLocation = new();
    private readonly List<LocationHistory> _locations = new();
    private readonly int[] _promiseByThread;
    private readonly List<ReadRecord> _reads = new();
    private int[] _candidates = new int[8];
    private WeakMessage[] _messages = new WeakMessage[64];
    private int _messageCount;
    private int _locationCount;
    private int _kernelView;

    public ArmMemory(SimMachineState machine, int coreCount, int threadCapacity, int promiseBudget, Func<ChoiceKind, int, int> choose)
    {
        _machine = machine;
        _choose = choose;
        PromiseBudget = promiseBudget;
        _cores = new CoreViews[coreCount];
        for (int core = 0; core < coreCount; core++) _cores[core] = new CoreViews();
        _locationOfWord = new int[machine.Ram.WordCount];
        _locationOfWord.AsSpan().Fill(-1);
        _promiseByThread = new int[threadCapacity];
    }

    /// <summary>Promises a run may make (each costs a certification run; 0: stores are never early).</summary>
    public int PromiseBudget { get; }

    public int PromisesMade { get; private set; }

    /// <summary>Promises made and not yet fulfilled by their store.</summary>
    public int OutstandingPromises { get; private set; }

    /// <summary>Back to the initial memory (RAM as set up) with no messages, views or promises.</summary>
    public void Reset()
    {
        foreach (int word in _wordsWithLocation) _locationOfWord[word] = -1;
        _wordsWithLocation.Clear();
        foreach (CoreViews core in _cores) core.Reset(_locationCount);
        _locationCount = 0;
        _messageCount = 0;
        _kernelView = 0;
        Array.Clear(_promiseByThread);
        _reads.Clear();
        PromisesMade = 0;
        OutstandingPromises = 0;
    }

    public bool HasPromise(uint thread) => _promiseByThread[thread] != 0;

    public bool CanPromise(uint thread) => PromisesMade < PromiseBudget && _promiseByThread[thread] == 0;

    /// <summary>
    /// Promising-ARM's read rule. vpre = ReadNew, joined with Release for an acquire; the load may read the
    /// newest write at or below max(coherence, vpre) or any newer one (not its own core's unfulfilled promises,
    /// which could never be fulfilled after it read them). vpost = vpre joined with the write's timestamp, or
    /// vpre alone when the core forwards its own last write there.
    /// </summary>
    public ulong Load(int core, uint thread, int word, ulong virtAddr, MemoryOrder order, int step)
    {
        int location = LocationOf(word);
        CoreViews views = _cores[core];
        LocationHistory history = _locations[location];
        int before = views.ReadNew;
        if (order == MemoryOrder.Acquire) before = Math.Max(before, views.Release);
        int bound = Math.Max(views.Coherence[location], before);
        int visible = history.Count;
        while (visible > 0 && history.Timestamps[visible - 1] > bound) visible--;
        int count = 0;
        for (int index = history.Count - 1; index >= visible; index--)
        {
            int timestamp = history.Timestamps[index];
            ref readonly WeakMessage message = ref _messages[timestamp - 1];
            if (message.IsOutstandingPromise && message.Core == core) continue;
            AddCandidate(ref count, timestamp);
        }
        AddCandidate(ref count, visible > 0 ? history.Timestamps[visible - 1] : 0);
        int read = _candidates[count == 1 ? 0 : _choose(ChoiceKind.ReadFrom, count)];
        int after = read != 0 && views.Forward[location] == read ? before : Math.Max(before, read);
        views.Coherence[location] = Math.Max(views.Coherence[location], after);
        views.ReadOld = Math.Max(views.ReadOld, after);
        if (order == MemoryOrder.Acquire)
        {
            views.ReadNew = Math.Max(views.ReadNew, after);
            views.WriteNew = Math.Max(views.WriteNew, after);
        }
        _reads.Add(new ReadRecord(thread, step, location, virtAddr, read, _candidates[0]));
        return read == 0 ? history.InitialValue : _messages[read - 1].Value;
    }

    /// <summary>
    /// Promising-ARM's write: a new message at the end of the list, or the fulfilment of the thread's promise
    /// for this word, which needs the same value, vpre = WriteNew (joined with ReadOld and WriteOld for a
    /// release) below the promise's timestamp, and no newer write to the word observed by the core.
    /// Returns why the run is not an ARMv8 execution when the promise cannot be fulfilled; null otherwise.
    /// </summary>
    public string? Store(int core, uint thread, int word, ulong virtAddr, ulong value, MemoryOrder order, int step)
    {
        int location = LocationOf(word);
        CoreViews views = _cores[core];
        int promised = _promiseByThread[thread];
        int timestamp;
        if (promised != 0 && _messages[promised - 1].Location == location)
        {
            ref readonly WeakMessage promise = ref _messages[promised - 1];
            if (promise.Value != value)
            {
                return $"it stores {value} at 0x{virtAddr:X} where it promised {promise.Value} (step {promise.PromiseStep}): the promise was not certifiable";
            }
            int before = views.WriteNew;
            if (order == MemoryOrder.Release) before = Math.Max(before, Math.Max(views.ReadOld, views.WriteOld));
            if (before >= promised || views.Coherence[location] >= promised)
            {
                return $"its store to 0x{virtAddr:X} is ordered after accesses that came after its promise (step {promise.PromiseStep})";
            }
            _messages[promised - 1] = promise with { StoreStep = step };
            _promiseByThread[thread] = 0;
            OutstandingPromises--;
            timestamp = promised;
        }
        else
        {
            timestamp = Append(new WeakMessage(location, value, thread, core, step, -1, virtAddr));
        }
        views.Coherence[location] = timestamp;
        views.WriteOld = Math.Max(views.WriteOld, timestamp);
        if (order == MemoryOrder.Release) views.Release = Math.Max(views.Release, timestamp);
        views.Forward[location] = timestamp;
        return null;
    }

    /// <summary>A message for a store the thread will make later (its certification found it); the store fulfils it.</summary>
    public void Promise(int core, uint thread, in StoreAhead store, int step)
    {
        _promiseByThread[thread] = Append(new WeakMessage(LocationOf(store.Word), store.Value, thread, core, -1, step, store.VirtAddr));
        PromisesMade++;
        OutstandingPromises++;
    }

    /// <summary>A promise was attempted but the thread had nothing it could promise: the attempt counts against the
    /// budget all the same (each attempt costs a certification).</summary>
    public void PromiseAttemptVoid() => PromisesMade++;

    /// <summary>DMB ISH orders all earlier accesses before all later ones; ISHLD earlier loads; ISHST earlier
    /// stores before later stores.</summary>
    public void Barrier(int core, BarrierKind kind)
    {
        CoreViews views = _cores[core];
        int earlier = kind switch
        {
            BarrierKind.Full => Math.Max(views.ReadOld, views.WriteOld),
            BarrierKind.Loads => views.ReadOld,
            _ => views.WriteOld,
        };
        if (kind != BarrierKind.Stores) views.ReadNew = Math.Max(views.ReadNew, earlier);
        views.WriteNew = Math.Max(views.WriteNew, earlier);
    }

    /// <summary>The core enters the kernel (one big lock, taken and released): everything it did is published to
    /// the kernel's view and everything published there is ordered before what it does next.</summary>
    public void EnterKernel(int core)
    {
        CoreViews views = _cores[core];
        _kernelView = Math.Max(_kernelView, views.Newest());
        views.ReadNew = Math.Max(views.ReadNew, _kernelView);
        views.WriteNew = Math.Max(views.WriteNew, _kernelView);
    }

    /// <summary>The threads that hold an unfulfilled promise, ascending.</summary>
    public void PromisingThreads(List<uint> into)
    {
        into.Clear();
        for (uint thread = 0; thread < _promiseByThread.Length; thread++)
        {
            if (_promiseByThread[thread] != 0) into.Add(thread);
        }
    }

    /// <summary>For the step log: where the last load's value came from, when it was not simply the newest.</summary>
    public string DescribeLastRead(Func<uint, string> nameOf)
    {
        ReadRecord read = _reads[^1];
        if (read.Timestamp == read.NewestAtRead) return read.Timestamp != 0 && _messages[read.Timestamp - 1].IsOutstandingPromise ? $" (reads {Source(read.Timestamp, nameOf)})" : "";
        return $" (reads {Source(read.Timestamp, nameOf)}; newer: {Source(read.NewestAtRead, nameOf)})";
    }

    /// <summary>Whether the last load read something a sequentially consistent machine would not have shown it
    /// (a promise, or not the newest write); if it read another thread's write, that thread and the step from
    /// which the write was visible (its promise or its store).</summary>
    public bool LastReadWasWeak(out uint writer, out int visibleStep)
    {
        ReadRecord read = _reads[^1];
        writer = uint.MaxValue;
        visibleStep = -1;
        bool outstanding = read.Timestamp != 0 && _messages[read.Timestamp - 1].IsOutstandingPromise;
        if (read.Timestamp == read.NewestAtRead && !outstanding) return false;
        if (read.Timestamp != 0)
        {
            WeakMessage message = _messages[read.Timestamp - 1];
            writer = message.Thread;
            visibleStep = message.PromiseStep >= 0 ? message.PromiseStep : message.StoreStep;
        }
        return true;
    }

    /// <summary>
    /// The last loads of <paramref name="thread"/>, each with the write it read and, when the word has a newer
    /// write now, that write: the stale values behind a failure, for its report.
    /// </summary>
    public string Explain(uint thread, Func<uint, string> nameOf, int maxLoads = 6)
    {
        var lines = new List<string>();
        for (int index = _reads.Count - 1; index >= 0 && lines.Count < maxLoads; index--)
        {
            ReadRecord read = _reads[index];
            if (read.Thread != thread) continue;
            ulong value = read.Timestamp == 0 ? _locations[read.Location].InitialValue : _messages[read.Timestamp - 1].Value;
            int newest = _locations[read.Location].Newest;
            string newer = newest > read.Timestamp ? $"; STALE: {Source(newest, nameOf)} is newer" : "";
            lines.Add($"  step {read.Step,5}: load [0x{read.VirtAddr:X}] -> {value}, {Source(read.Timestamp, nameOf)}{newer}");
        }
        if (lines.Count == 0) return "";
        lines.Reverse();
        var text = new StringBuilder($"ARMv8 memory model: the last loads of {nameOf(thread)} and the writes they read:").AppendLine();
        foreach (string line in lines) text.AppendLine(line);
        return text.ToString();
    }

    private string Source(int timestamp, Func<uint, string> nameOf)
    {
        if (timestamp == 0) return "the initial value";
        WeakMessage message = _messages[timestamp - 1];
        if (message.IsOutstandingPromise) return $"{message.Value} promised by {nameOf(message.Thread)} at step {message.PromiseStep} (its store has not run yet)";
        string early = message.PromiseStep >= 0 ? $", visible early: promised at step {message.PromiseStep}" : "";
        return $"{message.Value} stored by {nameOf(message.Thread)} at step {message.StoreStep}{early}";
    }

    private void AddCandidate(ref int count, int timestamp)
    {
        if (count == _candidates.Length) Array.Resize(ref _candidates, count * 2);
        _candidates[count++] = timestamp;
    }

    private int LocationOf(int word)
    {
        int location = _locationOfWord[word];
        if (location >= 0) return location;
        location = _locationCount++;
        if (location == _locations.Count) _locations.Add(new LocationHistory());
        LocationHistory history = _locations[location];
        history.Word = word;
        history.InitialValue = _machine.Ram[word];
        history.Count = 0;
        _locationOfWord[word] = location;
        _wordsWithLocation.Add(word);
        foreach (CoreViews core in _cores)
        {
            core.EnsureLocations(_locationCount);
            core.Coherence[location] = 0;
            core.Forward[location] = 0;
        }
        return location;
    }

    /// <summary>A new newest write: to the list, to its location's history and to RAM.</summary>
    private int Append(in WeakMessage message)
    {
        if (_messageCount == _messages.Length) Array.Resize(ref _messages, _messageCount * 2);
        _messages[_messageCount++] = message;
        LocationHistory history = _locations[message.Location];
        history.Add(_messageCount);
        new SimMachine(_machine).WriteWord(_machine.RamBaseAddr + (ulong)history.Word * 8, message.Value);
        return _messageCount;
    }
}
