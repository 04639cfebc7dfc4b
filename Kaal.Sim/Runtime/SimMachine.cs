using System.Collections.Generic;
using Kaal.Model;
using Kaal.Sim.Devices;

namespace Kaal.Sim.Runtime;

/// <summary>
/// The machine port with host data: RAM as pages of words, a console per run, and the faults the
/// kernel reported. Written pages are remembered so a run can be undone by restoring just those (<see cref="PagedRam"/>).
/// </summary>
public sealed class SimMachineState
{
    public SimMachineState(ulong ramBaseAddr, ulong ramSizeBytes, DeviceLayout devices)
    {
        RamBaseAddr = ramBaseAddr;
        Devices = new SimDevices(devices);
        Ram = new PagedRam((long)(ramSizeBytes / 8));
    }

    public ulong RamBaseAddr { get; }

    /// <summary>RAM as words (<see cref="PagedRam"/>: pages exist once written).</summary>
    public PagedRam Ram { get; }

    public List<byte> Console { get; } = new();

    public List<(uint Thread, FaultInfo Fault)> UnhandledFaults { get; } = new();

    public bool ShutDown { get; set; }

    public ulong ExitCode { get; set; }

    public SimDevices Devices { get; }

    public bool IsRam(ulong physAddr) => physAddr >= RamBaseAddr && (physAddr - RamBaseAddr) / 8 < (ulong)Ram.WordCount;

    /// <summary>Back to RAM as set up (<see cref="PagedRam.RestoreTouched"/>), an empty console and no faults.</summary>
    public void Reset()
    {
        Ram.RestoreTouched();
        Console.Clear();
        UnhandledFaults.Clear();
        ShutDown = false;
        ExitCode = 0;
        Devices.Reset();
    }

    public int WordIndex(ulong physAddr)
    {
        ulong offset = physAddr - RamBaseAddr;
        if (physAddr < RamBaseAddr || offset / 8 >= (ulong)Ram.WordCount)
        {
            throw new SimulationException($"physical address 0x{physAddr:X} is outside the simulated RAM");
        }
        return (int)(offset / 8);
    }
}

/// <summary>The port itself: a struct over the shared state, as the Model wants (static dispatch).</summary>
public readonly struct SimMachine(SimMachineState state) : IMachinePort
{
    public SimMachineState State => state;

    public ulong ReadWord(ulong physAddr) => state.Ram[state.WordIndex(physAddr)];

    public void WriteWord(ulong physAddr, ulong value) => state.Ram.Write(state.WordIndex(physAddr), value);

    public void MapPage(uint vspace, ulong virtAddr, ulong physAddr, int sizeBits, VmRights rights, bool isDevice)
    {
    }

    public void UnmapPage(uint vspace, ulong virtAddr, int sizeBits)
    {
    }

    public void SetIrqEnabled(uint irq, bool enabled, int targetCore)
    {
    }

    public void ConsoleWrite(byte value) => state.Console.Add(value);

    public void ReportUnhandledFault(uint thread, in FaultInfo fault) => state.UnhandledFaults.Add((thread, fault));

    /// <summary>The simulator runs one step at a time: no thread runs on another core while the kernel does.</summary>
    public void StallThread(uint thread)
    {
    }

    public void Shutdown(ulong exitCode)
    {
        state.ShutDown = true;
        state.ExitCode = exitCode;
    }
}
