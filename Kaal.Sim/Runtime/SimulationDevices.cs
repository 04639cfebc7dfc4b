using System.Collections.Generic;
using System.Text;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Faults;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime;

/// <summary>The simulation's side of the devices: interrupt delivery between steps, the clock's jump to the timer
/// when nothing can run, device register and system register accesses, and the console.</summary>
public sealed partial class Simulation
{
    /// <summary>
    /// Interrupt lines the devices assert and the kernel has enabled are delivered between steps (on core 0, where
    /// the GIC routes them by default). Deterministic: a function of the devices' state and the clock.
    /// </summary>
    /// <param name="mayDelay">False when nothing else can run: holding an interrupt back then would stop time.</param>
    private bool DeliverInterrupts(int step, bool mayDelay = true)
    {
        Devices.SimDevices devices = _machineState.Devices;
        bool delivered = false;
        delivered |= Deliver(devices.Timer.Irq, devices.Timer.InterruptAsserted(devices.NowTicks), step, mayDelay);
        delivered |= Deliver(devices.Uart.Irq, devices.Uart.InterruptAsserted, step, mayDelay);
        return delivered;
    }

    private bool Deliver(uint irq, bool asserted, int step, bool mayDelay)
    {
        if (!asserted || !_kernel.IrqEnabled(irq)) return false;
        if (mayDelay && _faults is not null && _faults.IsCandidate(FaultKinds.DelayInterrupt) && ChooseAlternative(ChoiceKind.DelayInterrupt, 2) == 1)
        {
            if (_log is not null) NoteDevice(step, $"interrupt {irq} held back (injected delay)");
            return false;
        }
        var machine = new SimMachine(_machineState);
        _kernel.HandleInterrupt(ref machine, 0, irq);
        if (_log is not null) NoteDevice(step, $"interrupt {irq} at tick {_machineState.Devices.NowTicks}");
        if (_faults is not null && _faults.IsCandidate(FaultKinds.DuplicateInterrupt) && ChooseAlternative(ChoiceKind.DuplicateInterrupt, 2) == 1)
        {
            _kernel.HandleInterrupt(ref machine, 0, irq);
            if (_log is not null) NoteDevice(step, $"interrupt {irq} delivered again (injected duplicate)");
        }
        return true;
    }

    /// <summary>Nothing can run: if the timer is armed and its line enabled, time passes until it fires.</summary>
    private bool AdvanceClockToTimer()
    {
        Devices.SimDevices devices = _machineState.Devices;
        if (!devices.Timer.IsArmed || !_kernel.IrqEnabled(devices.Timer.Irq)) return false;
        ulong jitterTicks = _faults is not null && _faults.IsCandidate(FaultKinds.TimerJitter)
            ? (ulong)ChooseAlternative(ChoiceKind.TimerJitter, FaultPlan.JitterAlternatives) * FaultPlan.JitterTicks
            : 0;
        if (devices.NowTicks < devices.Timer.Compare + jitterTicks) devices.NowTicks = devices.Timer.Compare + jitterTicks;
        return DeliverInterrupts(_step, mayDelay: false);
    }

    private void EmitConsoleLines()
    {
        if (ConsoleLine is null) return;
        List<byte> console = _machineState.Console;
        for (int index = _consoleLineStart; index < console.Count; index++)
        {
            if (console[index] != (byte)'\n') continue;
            ConsoleLine(Encoding.ASCII.GetString(console.GetRange(_consoleLineStart, index - _consoleLineStart).ToArray()).TrimEnd('\r'));
            _consoleLineStart = index + 1;
        }
    }

    private string? PerformSystemRegister(SimThread sim, int step)
    {
        ref PendingOperation op = ref sim.Pending;
        Devices.SimDevices devices = _machineState.Devices;
        ulong value = 0;
        if (op.IsWrite) devices.Timer.Write(op.Register, op.Value);
        else value = devices.Timer.Read(op.Register, devices.NowTicks);
        if (_log is not null) Note(step, op.IsWrite ? SimEventKind.Store : SimEventKind.Load, sim, $"{(op.IsWrite ? "msr" : "mrs")} {op.Register} {(op.IsWrite ? op.Value : value)}");
        sim.Resume(new SyscallResult(KernelError.Ok, value, 0, 0, 0, 0, 0));
        return FaultOf(sim, _kernel.ThreadAt(sim.ModelThread).Core);
    }

    /// <summary>A 32-bit device register access: it must hit a device page the thread has mapped, and a device
    /// the platform has there; anything else is a data abort.</summary>
    private string? PerformMmio(SimThread sim, int core, int step)
    {
        ref PendingOperation op = ref sim.Pending;
        Devices.Pl011Model uart = _machineState.Devices.Uart;
        VmRights needed = op.IsWrite ? VmRights.Write : VmRights.Read;
        if ((op.VirtAddr & 3) != 0 || !_kernel.TranslateMapping(sim.ModelThread, op.VirtAddr, needed, out ulong physAddr, out bool isDevice) || !isDevice || !uart.Contains(physAddr))
        {
            return RaiseFault(sim, core, op.VirtAddr, $"{sim.Name} faulted: device {(op.IsWrite ? "write to" : "read from")} 0x{op.VirtAddr:X}, which maps no device register");
        }
        uint value = 0;
        if (op.IsWrite) uart.Write32(physAddr, (uint)op.Value, _machineState.Console);
        else value = uart.Read32(physAddr);
        if (_log is not null) Note(step, op.IsWrite ? SimEventKind.Store : SimEventKind.Load, sim, $"mmio {(op.IsWrite ? "write" : "read")} [0x{physAddr:X}] {(op.IsWrite ? op.Value : value)}");
        sim.Resume(new SyscallResult(KernelError.Ok, value, 0, 0, 0, 0, 0));
        return FaultOf(sim, core);
    }
}
