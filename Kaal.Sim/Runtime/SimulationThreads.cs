using System;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.Sim.Runtime;

/// <summary>The simulation's threads: the scenario's own, and spawned ones found by the program image at their pc.</summary>
public sealed partial class Simulation
{
    /// <summary>Back to only the scenario's own threads, each not started.</summary>
    private void RegisterStaticThreads()
    {
        Array.Clear(_threadByModel);
        _threads.Clear();
        _consoleLineStart = 0;
        foreach (byte input in _scenario.UartInput) _machineState.Devices.Uart.QueueInput(input);
        foreach (SimThread thread in _staticThreads)
        {
            thread.Reset();
            _threadByModel[thread.ModelThread] = thread;
            _threads.Add(thread);
        }
    }

    /// <summary>
    /// The coroutine for a Model thread: the scenario's, or for a spawned thread the program whose image is mapped
    /// at its pc (made the first time the thread runs; a thread-table entry reused after a teardown gets a new one).
    /// A thread whose pc holds no known program takes an instruction abort when it runs, as on the machine.
    /// </summary>
    private SimThread? ThreadFor(uint modelThread)
    {
        SimThread? known = _threadByModel[modelThread];
        uint generation = _kernel.ThreadAt(modelThread).Generation;
        if (known is not null && known.Generation == generation) return known;
        if (!_scenario.RunsPrograms || modelThread == _kernel.BootInfo.RootThread || _kernel.ThreadAt(modelThread).State == ThreadState.Idle) return null;
        return NewProgramThread(modelThread, generation);
    }

    /// <summary>The coroutine of a spawned thread seen for the first time (apart from <see cref="ThreadFor"/>, which runs
    /// every step: the closure below would otherwise be allocated on every call).</summary>
    private SimThread NewProgramThread(uint modelThread, uint generation)
    {
        ulong pc = _kernel.Register(modelThread, UserContext.Pc);
        ulong x0 = _kernel.Register(modelThread, UserContext.X0);
        Span<byte> identity = stackalloc byte[Programs.ProgramImage.IdentityBytes];
        string? binary = _memory.Read(modelThread, pc, identity) ? Programs.ProgramImage.Identify(identity) : null;
        Func<Sys, Task>? program = binary is null ? null : _scenario.Program(binary, x0);
        string name = binary is null ? $"thread {modelThread}" : ProgramName(binary, modelThread);
        program ??= sys => throw new MemoryFaultException(name, pc, false);
        var thread = new SimThread(name, modelThread, generation, program, _memory);
        thread.Reset();
        _threadByModel[modelThread] = thread;
        _threads.Add(thread);
        return thread;
    }

    /// <summary>A spawned thread's name: the component name from its arguments page when it has one, else the binary.</summary>
    private string ProgramName(string binary, uint modelThread)
    {
        Span<byte> header = stackalloc byte[Kaal.Sdk.Runtime.ArgsLayout.HeaderBytes];
        ulong x0 = _kernel.Register(modelThread, UserContext.X0);
        if (_memory.Read(modelThread, x0, header) && Kaal.Sdk.Runtime.ArgsLayout.HasMagic(header))
        {
            return Kaal.Sdk.Runtime.ArgsLayout.ComponentName(header);
        }
        return binary;
    }
}
