using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.Sim.Runtime;

/// <summary>The simulation's threads: the scenario's own, and spawned ones found by the program image at their pc,
/// each by its Model thread.</summary>
internal sealed class ThreadTable(SimState state)
{
    private SimThread?[] _byModel = Array.Empty<SimThread?>();
    /// <summary>Every thread of this run: the static ones, then spawned ones in the order they first ran.</summary>
    private readonly List<SimThread> _all = new();

    /// <summary>The threads the scenario added in set-up.</summary>
    public IReadOnlyList<SimThread> Static { get; private set; } = Array.Empty<SimThread>();

    public List<SimThread> All => _all;

    /// <summary>The coroutine known for a Model thread (null when none has run on it).</summary>
    public SimThread? this[uint modelThread] => _byModel[modelThread];

    /// <summary>As the indexer, and null for an index beyond the thread table.</summary>
    public SimThread? KnownOrNone(uint modelThread) => modelThread < (uint)_byModel.Length ? _byModel[modelThread] : null;

    public void Attach(IReadOnlyList<SimThread> staticThreads, int capacity)
    {
        Static = staticThreads;
        _byModel = new SimThread?[capacity];
    }

    /// <summary>Back to only the scenario's own threads, each not started.</summary>
    public void ResetToStatic()
    {
        Array.Clear(_byModel);
        _all.Clear();
        foreach (SimThread thread in Static)
        {
            thread.Reset();
            _byModel[thread.ModelThread] = thread;
            _all.Add(thread);
        }
    }

    /// <summary>
    /// The coroutine for a Model thread: the scenario's, or for a spawned thread the program whose image is mapped
    /// at its pc (made the first time the thread runs; a thread-table entry reused after a teardown gets a new one).
    /// A thread whose pc holds no known program takes an instruction abort when it runs, as on the machine.
    /// </summary>
    public SimThread? For(uint modelThread)
    {
        SimThread? known = _byModel[modelThread];
        Kernel kernel = state.Kernel;
        uint generation = kernel.ThreadAt(modelThread).Generation;
        if (known is not null && known.Generation == generation) return known;
        if (!state.Scenario.RunsPrograms || modelThread == kernel.BootInfo.RootThread || kernel.ThreadAt(modelThread).State == ThreadState.Idle) return null;
        return NewProgramThread(modelThread, generation);
    }

    /// <summary>The coroutine of a spawned thread seen for the first time (apart from <see cref="For"/>, which runs
    /// every step: the closure below would otherwise be allocated on every call).</summary>
    private SimThread NewProgramThread(uint modelThread, uint generation)
    {
        ulong pc = state.Kernel.Register(modelThread, UserContext.Pc);
        ulong x0 = state.Kernel.Register(modelThread, UserContext.X0);
        Span<byte> identity = stackalloc byte[Programs.ProgramImage.IdentityBytes];
        string? binary = state.Memory.Read(modelThread, pc, identity) ? Programs.ProgramImage.Identify(identity) : null;
        Func<Sys, Task>? program = binary is null ? null : state.Scenario.Program(binary, x0);
        string name = binary is null ? $"thread {modelThread}" : ProgramName(binary, modelThread);
        program ??= sys => throw new MemoryFaultException(name, pc, false);
        var thread = new SimThread(name, modelThread, generation, program, state.Memory);
        thread.Reset();
        _byModel[modelThread] = thread;
        _all.Add(thread);
        return thread;
    }

    /// <summary>A spawned thread's name: the component name from its arguments page when it has one, else the binary.</summary>
    private string ProgramName(string binary, uint modelThread)
    {
        Span<byte> header = stackalloc byte[Kaal.Sdk.Runtime.ArgsLayout.HeaderBytes];
        ulong x0 = state.Kernel.Register(modelThread, UserContext.X0);
        if (state.Memory.Read(modelThread, x0, header) && Kaal.Sdk.Runtime.ArgsLayout.HasMagic(header))
        {
            return Kaal.Sdk.Runtime.ArgsLayout.ComponentName(header);
        }
        return binary;
    }

    /// <summary>Its Model thread still exists (a torn-down component's coroutine is simply dropped).</summary>
    public bool IsAlive(SimThread thread) => state.Kernel.Threads.IsLive(thread.ModelThread, thread.Generation);

    /// <summary>Every component finished or was given up on (daemons excepted).</summary>
    public bool AllFinished()
    {
        foreach (SimThread thread in _all)
        {
            if (thread.Status is not (SimThreadStatus.Finished or SimThreadStatus.Faulted) && !thread.IsDaemon && IsAlive(thread)) return false;
        }
        return true;
    }

    /// <summary>The daemons that have not finished (null when none): they serve for ever, so the run ends without them.</summary>
    public string? DaemonsServing()
    {
        var names = new List<string>();
        foreach (SimThread thread in _all)
        {
            if (thread.IsDaemon && thread.Status != SimThreadStatus.Finished && IsAlive(thread)) names.Add(thread.Name);
        }
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    public string NameOf(uint modelThread) => _byModel[modelThread]?.Name ?? $"thread {modelThread}";
}
