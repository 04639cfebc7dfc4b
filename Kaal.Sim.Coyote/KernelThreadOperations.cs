using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Coyote.Runtime;
using ControlledThread = Microsoft.Coyote.Rewriting.Types.Threading.Thread;

namespace Kaal.Sim.Coyote;

/// <summary>
/// The kernel threads of one schedule as Coyote controlled operations, so that Coyote's own scheduler (its strategy:
/// random, probabilistic, prioritization, delay bounding...) decides which thread runs at every scheduling decision of
/// the simulation. The simulation itself runs unchanged on Coyote's test operation; each kernel thread gets a Coyote
/// controlled thread (what <c>coyote rewrite</c> makes of <c>new Thread</c>; no rewriting is needed here) that does
/// nothing but take part in the choices. Coyote runs one operation at a time, so nothing here runs concurrently, and
/// when Coyote stops an iteration early it interrupts those threads itself. A choice is made in three moves:
/// <list type="number">
/// <item>the simulation offers the step to the thread that is running, if any, and pauses;</item>
/// <item>that thread's operation opens the choice and reaches a Coyote scheduling point, so Coyote decides as it would for
/// a running operation: keep it (the probabilistic strategy keeps it with probability 1 - 0.5^N) or switch to another
/// enabled thread's operation;</item>
/// <item>the first enabled thread's operation to run while the choice is open takes the step, and the simulation goes on.</item>
/// </list>
/// With no running thread the choice opens at once and Coyote picks among the enabled threads' operations. Operations
/// are created the first time their thread is enabled, in the order the simulation reports them, so a replay of
/// Coyote's decisions recreates them identically.
/// </summary>
internal sealed class KernelThreadOperations
{
    private enum Phase
    {
        Idle,
        Offered,
        Open,
        Taken,
        Done,
    }

    private readonly Dictionary<uint, Thread> _threads = new();
    private readonly List<Thread> _started = new();
    private uint[] _enabled = new uint[8];
    private int _enabledCount;
    private uint _running;
    private uint _taker;
    private Phase _phase;

    /// <summary>The index in <paramref name="enabled"/> of the thread Coyote scheduled for this step.</summary>
    public int Choose(ReadOnlySpan<uint> enabled, int running)
    {
        foreach (uint thread in enabled) EnsureOperation(thread);
        if (_enabled.Length < enabled.Length) _enabled = new uint[enabled.Length * 2];
        enabled.CopyTo(_enabled);
        _enabledCount = enabled.Length;
        if (running >= 0)
        {
            _running = enabled[running];
            _phase = Phase.Offered;
        }
        else
        {
            _phase = Phase.Open;
        }
        Operation.PauseUntil(() => _phase == Phase.Taken);
        // Coyote lets a paused operation go on when it stops the iteration (a bound, a timeout, another bug).
        if (_phase != Phase.Taken) throw new CoyoteStoppedException("Coyote stopped the schedule while it chose the next thread");
        _phase = Phase.Idle;
        return enabled.IndexOf(_taker);
    }

    /// <summary>Ends every kernel thread's operation and waits for their OS threads: Coyote reports an operation still
    /// paused at the end of an iteration as a deadlock.</summary>
    public void Finish()
    {
        _phase = Phase.Done;
        foreach (Thread thread in _started) ControlledThread.Join(thread);
        _started.Clear();
        _threads.Clear();
    }

    private void EnsureOperation(uint thread)
    {
        if (_threads.ContainsKey(thread)) return;
        Thread controlled = ControlledThread.Create(() => Participate(thread));
        _threads.Add(thread, controlled);
        _started.Add(controlled);
        ControlledThread.Start(controlled);
    }

    /// <summary>The body of a kernel thread's operation: wait until it may take part, then open an offered choice or
    /// take an open one, until the schedule is done.</summary>
    private void Participate(uint thread)
    {
        while (true)
        {
            Operation.PauseUntil(() => MayAct(thread));
            if (_phase == Phase.Done || !MayAct(thread)) return;
            if (_phase == Phase.Offered)
            {
                _phase = Phase.Open;
                Operation.ScheduleNext();
                continue;
            }
            _taker = thread;
            _phase = Phase.Taken;
        }
    }

    private bool MayAct(uint thread) => _phase switch
    {
        Phase.Done => true,
        Phase.Offered => _running == thread,
        Phase.Open => Array.IndexOf(_enabled, thread, 0, _enabledCount) >= 0,
        _ => false,
    };
}
