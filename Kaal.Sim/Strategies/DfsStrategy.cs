using System;
using System.Collections.Generic;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Bounded exhaustive depth-first search over the decision tree, one path per schedule and statelessly
/// (each schedule replays the kernel from boot): <see cref="BeginSchedule"/> moves to the next unexplored
/// branch, deepest first, options in ascending thread order (alternatives of other choices, such as which
/// write a load reads, are nodes of the tree too, explored from alternative 0), and returns false once the tree is done
/// (<see cref="Exhausted"/>). Decisions at or past <see cref="MaxDepth"/> take option 0 and are never
/// branched; <see cref="HitDepthBound"/> then says the search covered only the tree cut at that depth.
/// The seed is ignored: the tree is the same for every seed, and the iterations must run in order on one
/// instance (a search is not split across workers by iteration number).
/// <para>
/// Reduction (<see cref="Reduction"/>, on by default): sleep sets (Godefroid 1996), using the footprints
/// the simulation passes through <see cref="IDependencyAware"/>. After option t of a node is explored, t
/// "sleeps" in the nodes below that node's later options for as long as the steps taken there are
/// independent of t (<see cref="Footprint.Independent"/>), and a sleeping option is not explored: every
/// order it would start is a reordering of adjacent independent steps of one already explored. A path whose
/// every enabled option sleeps is such a repeat; it is run to the end with option 0 and counted in
/// <see cref="SleepBlockedSchedules"/>, not branched. Sleep sets alone explore exactly one complete schedule
/// per Mazurkiewicz trace (equivalence class under swapping adjacent independent steps) plus such blocked
/// repeats (Abdulla et al., POPL 2014), and reach every deadlock and every local state the full search reaches.
/// </para>
/// <para>
/// Soundness, precisely: the search finds every outcome (assertion failure, fault, deadlock, finish) the
/// full search finds, given that (1) the dependence relation is conservative: a syscall or faulting access
/// conflicts with every step; a memory access conflicts with another only if both touch the same physical
/// word and one writes; starting or resuming a component's code conflicts only with syscalls (they could
/// suspend it), which holds when components share state only through the simulated memory and kernel, and
/// (2) swapping two independent steps changes the kernel only in which of the two threads is current on its
/// core and in ready-queue order. The explorer chooses among all enabled threads of the top priority
/// whatever that order is, and the enabled set is computed as a set, so the futures are the same. It does
/// not hold if the kernel's results depend on ready-queue order, or for per-step state hashes (which see the
/// order). Entries lapse when their thread moves without being chosen (<see cref="Footprint.ThreadProgress"/>).
/// Without footprints (a runner that is not <see cref="IDependencyAware"/>-aware) every step is treated as
/// conflicting and the search is plain DFS.
/// </para>
/// <para>
/// Preemption bounding (<see cref="PreemptionBound"/> = k, CHESS's iterative context bounding, Musuvathi and Qadeer,
/// PLDI 2007): a choice of a thread that is ready but not on its CPU while the thread there could go on is a
/// preemption (<see cref="IPreemptionAware"/>); rounds 0, 1, ..., k explore every schedule with at most that many
/// preemptions, so a bug that needs few preemptions is found first. A schedule with fewer preemptions than its round
/// repeats one of an earlier round and is counted in <see cref="RepeatedSchedules"/>. Sleep sets are off under a
/// bound: the schedule a sleeping option stands for may itself have been cut by the bound (Coons, Musuvathi and
/// McKinley, OOPSLA 2013). A round in which the bound cut nothing covered every schedule, and the search ends there.
/// Decisions past <see cref="MaxDepth"/>, and the rest of a sleep-blocked path, run the running thread on (no
/// preemption). What the search covered, and which bound cut what, is <see cref="Coverage"/>.
/// </para>
/// </summary>
public sealed class DfsStrategy : IStrategy, IDependencyAware, IPreemptionAware, IVoidAlternativeAware, ICoverageClaiming
{
    public const int DefaultMaxDepth = 1000;

    private readonly List<DfsNode> _path = new();
    private Footprint[] _footprints = new Footprint[64];
    private int _footprintCount = -1;
    private bool[] _preempts = new bool[64];
    private int _preemptCount = -1;
    /// <summary>The preemption bound of this round (iterative bounding runs rounds 0..k).</summary>
    private int _round;
    private bool _boundCutThisRound;
    private int _schedulePreemptions;
    private bool _started;
    private bool _sleepBlocked;
    /// <summary>How many decisions (thread choices and alternatives) this schedule has taken: the index into the path.</summary>
    private int _position;

    /// <param name="maxDepth">Decisions from this number on are not branched.</param>
    /// <param name="reduction">Sleep-set reduction on footprints (off under a preemption bound).</param>
    /// <param name="preemptionBound">At most this many preemptions per schedule (null: unbounded).</param>
    public DfsStrategy(int maxDepth = DefaultMaxDepth, bool reduction = true, int? preemptionBound = null)
    {
        if (maxDepth < 1) throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, "the DFS depth bound is at least 1");
        if (preemptionBound < 0) throw new ArgumentOutOfRangeException(nameof(preemptionBound), preemptionBound, "the preemption bound is at least 0");
        MaxDepth = maxDepth;
        PreemptionBound = preemptionBound;
        Reduction = reduction && preemptionBound is null;
    }

    public int MaxDepth { get; }

    public bool Reduction { get; }

    /// <summary>k: at most this many preemptions per schedule; null: unbounded.</summary>
    public int? PreemptionBound { get; }

    public string Name => PreemptionBound is int bound ? $"dfs:{MaxDepth}:preemptions={bound}" : Reduction ? $"dfs:{MaxDepth}" : $"dfs:{MaxDepth}:no-reduction";

    /// <summary>What the search covered so far, and which bounds cut schedules out of it.</summary>
    public CoverageClaim Coverage => new(Exhausted, PreemptionBound, _boundCutThisRound, MaxDepth, HitDepthBound);

    /// <summary>Every branch within the depth bound was explored (or pruned as a repeat).</summary>
    public bool Exhausted { get; private set; }

    /// <summary>Some schedule had a choice (two options or more) at or beyond <see cref="MaxDepth"/>, so "exhausted"
    /// means only the tree cut at that depth, not every schedule.</summary>
    public bool HitDepthBound { get; private set; }

    /// <summary>Schedules started (every <see cref="BeginSchedule"/> that returned true).</summary>
    public int SchedulesExplored { get; private set; }

    /// <summary>Schedules that turned out to repeat an explored trace (sleep-set blocked, or past an alternative
    /// that did what alternative 0 does); they count in <see cref="SchedulesExplored"/> too.</summary>
    public int SleepBlockedSchedules { get; private set; }

    /// <summary>Schedules of a bounding round that had fewer preemptions than the round's bound: an earlier round ran
    /// them already (they count in <see cref="SchedulesExplored"/> too).</summary>
    public int RepeatedSchedules { get; private set; }

    public bool BeginSchedule(int iteration, ulong seed)
    {
        if (Exhausted) return false;
        if (_started)
        {
            if (_schedulePreemptions < _round) RepeatedSchedules++;
            if (!Backtrack() && !NextRound())
            {
                Exhausted = true;
                return false;
            }
        }
        _started = true;
        _sleepBlocked = false;
        _footprintCount = -1;
        _preemptCount = -1;
        _position = 0;
        _schedulePreemptions = 0;
        SchedulesExplored++;
        return true;
    }

    /// <summary>The next bounding round, if the bound cut something in this one and k is not reached yet.</summary>
    private bool NextRound()
    {
        if (PreemptionBound is not int bound || _round >= bound || !_boundCutThisRound) return false;
        _round++;
        _boundCutThisRound = false;
        _path.Clear();
        return true;
    }

    public void ObservePreemptions(ReadOnlySpan<bool> preempts)
    {
        if (_preempts.Length < preempts.Length) _preempts = new bool[preempts.Length];
        preempts.CopyTo(_preempts);
        _preemptCount = preempts.Length;
    }

    public void ObserveFootprints(ReadOnlySpan<Footprint> footprints)
    {
        if (!Reduction) return;
        if (_footprints.Length < footprints.Length) _footprints = new Footprint[footprints.Length];
        footprints.CopyTo(_footprints);
        _footprintCount = footprints.Length;
    }

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step)
    {
        ReadOnlySpan<Footprint> footprints = TakeFootprints(enabled.Length);
        ReadOnlySpan<bool> preempts = TakePreemptions(enabled.Length, running);
        int position = _position++;
        if (position < _path.Count)
        {
            DfsNode replayed = _path[position];
            if (replayed.Kind is not null || !enabled.SequenceEqual(replayed.Enabled))
            {
                throw new SimulationException(
                    $"DFS replay diverged at step {step}: {Describe(replayed)} before, enabled [{string.Join(", ", enabled.ToArray())}] now (uncontrolled nondeterminism in the scenario)");
            }
            return Take(replayed.Choice, preempts);
        }
        int onward = running >= 0 ? running : 0;
        if (_sleepBlocked) return Take(onward, preempts);
        if (position >= MaxDepth)
        {
            if (enabled.Length > 1) HitDepthBound = true;
            return Take(onward, preempts);
        }
        SleepEntry[] sleep = position == 0 ? Array.Empty<SleepEntry>() : SleepBelow(_path[position - 1], enabled, footprints);
        var node = new DfsNode(enabled, footprints, preempts, sleep, _schedulePreemptions);
        int choice = Candidate(node);
        if (choice < 0)
        {
            _sleepBlocked = true;
            SleepBlockedSchedules++;
            return Take(onward, preempts);
        }
        node.Choice = choice;
        _path.Add(node);
        return Take(choice, preempts);
    }

    /// <summary>Counts the preemption the choice makes, if it is one.</summary>
    private int Take(int choice, ReadOnlySpan<bool> preempts)
    {
        if (preempts[choice]) _schedulePreemptions++;
        return choice;
    }

    /// <summary>The node's next option within this round's bound, noting when the bound left one out.</summary>
    private int Candidate(DfsNode node)
    {
        int next = node.NextCandidate(PreemptionBound is null ? null : _round, out bool cut);
        _boundCutThisRound |= cut;
        return next;
    }

    public int ChooseAlternative(ChoiceKind kind, int count, int step)
    {
        int position = _position++;
        if (position < _path.Count)
        {
            DfsNode replayed = _path[position];
            if (replayed.Kind != kind || replayed.Enabled.Length != count)
            {
                throw new SimulationException(
                    $"DFS replay diverged at step {step}: {Describe(replayed)} before, a {Decision.Name(kind)} choice among {count} now (uncontrolled nondeterminism in the scenario)");
            }
            return replayed.Choice;
        }
        if (_sleepBlocked) return 0;
        if (position >= MaxDepth)
        {
            HitDepthBound = true;
            return 0;
        }
        DfsNode node = DfsNode.ForAlternatives(kind, count, _schedulePreemptions);
        node.Choice = Candidate(node);
        _path.Add(node);
        return node.Choice;
    }

    /// <summary>The alternative just taken (the newest node's) behaves as alternative 0, whose subtree was explored
    /// first: the rest of this run repeats it, so it runs on unbranched, as a sleep-blocked path does.</summary>
    public void LastAlternativeWasVoid()
    {
        if (_sleepBlocked || _position != _path.Count || _path.Count == 0 || _path[^1].Kind is null) return;
        _sleepBlocked = true;
        SleepBlockedSchedules++;
    }

    private static string Describe(DfsNode node) => node.Kind is ChoiceKind kind
        ? $"a {Decision.Name(kind)} choice among {node.Enabled.Length}"
        : $"enabled [{string.Join(", ", node.Enabled)}]";

    /// <summary>Marks the deepest node's option done and moves to the deepest node with an option left.</summary>
    private bool Backtrack()
    {
        for (int depth = _path.Count - 1; depth >= 0; depth--)
        {
            DfsNode node = _path[depth];
            node.MarkExplored(node.Choice);
            int next = Candidate(node);
            _path.RemoveAt(depth);
            if (next >= 0)
            {
                node.Choice = next;
                _path.Add(node);
                return true;
            }
        }
        return false;
    }

    /// <summary>This decision's preemption flags; without them (a runner that is not <see cref="IPreemptionAware"/>),
    /// every option but the running thread is a preemption, which is exact on one core.</summary>
    private ReadOnlySpan<bool> TakePreemptions(int count, int running)
    {
        bool observed = _preemptCount == count;
        _preemptCount = -1;
        if (observed) return _preempts.AsSpan(0, count);
        if (_preempts.Length < count) _preempts = new bool[count];
        for (int option = 0; option < count; option++) _preempts[option] = running >= 0 && option != running;
        return _preempts.AsSpan(0, count);
    }

    private ReadOnlySpan<Footprint> TakeFootprints(int count)
    {
        bool observed = _footprintCount == count;
        _footprintCount = -1;
        if (observed) return _footprints.AsSpan(0, count);
        if (_footprints.Length < count) _footprints = new Footprint[count];
        _footprints.AsSpan(0, count).Fill(Footprint.Unknown);
        return _footprints.AsSpan(0, count);
    }

    /// <summary>
    /// The sleep set of the node reached from <paramref name="parent"/> by its current choice: the parent's
    /// sleeping threads and its already explored options, kept while independent of the step just taken and
    /// while their thread has not moved (same footprint, including its progress count, in the new node).
    /// </summary>
    private static SleepEntry[] SleepBelow(DfsNode parent, ReadOnlySpan<uint> enabled, ReadOnlySpan<Footprint> footprints)
    {
        if (parent.Kind is not null) return Array.Empty<SleepEntry>();
        Footprint taken = parent.Footprints[parent.Choice];
        uint takenThread = parent.Enabled[parent.Choice];
        var candidates = new List<SleepEntry>(parent.Sleep);
        for (int option = 0; option < parent.Enabled.Length; option++)
        {
            if (option != parent.Choice && parent.IsExplored(option)) candidates.Add(new SleepEntry(parent.Enabled[option], parent.Footprints[option]));
        }
        var kept = new List<SleepEntry>(candidates.Count);
        foreach (SleepEntry entry in candidates)
        {
            if (entry.Thread == takenThread || !Footprint.Independent(entry.Next, taken)) continue;
            int index = enabled.IndexOf(entry.Thread);
            if (index >= 0 && footprints[index] == entry.Next) kept.Add(entry);
        }
        return kept.ToArray();
    }
}
