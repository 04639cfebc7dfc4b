using System;
using System.Collections.Generic;
using System.Text;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.Sim.Runtime;

/// <summary>The simulation's side of the devices: interrupt delivery between steps, the clock's jump to the timer
/// when nothing can run, device register and system register accesses, and the console's lines.</summary>
internal sealed class DeviceBus(SimState state, FaultInjector faults, StepRecorder? recorder)
{
    private int _consoleLineStart;

    /// <summary>Called with each complete console line as the run produces it (UART and kernel debug console).</summary>
    public Action<string>? ConsoleLine { get; set; }

    /// <summary>A new run: the console from its start, the scenario's UART input queued.</summary>
    public void Reset()
    {
        _consoleLineStart = 0;
        foreach (byte input in state.Scenario.UartInput) state.Machine.Devices.Uart.QueueInput(input);
    }

    /// <summary>
    /// Interrupt lines the devices assert and the kernel has enabled are delivered between steps, on the core their
    /// handler was issued for (IRQ_HANDLER_GET_TRIGGER_CORE), else on core 0 (the simulator's cores never run at once,
    /// so it does not follow a driver's core as the CPU does). Deterministic: a function of the devices' state and the clock.
    /// </summary>
    /// <param name="mayDelay">False when nothing else can run: holding an interrupt back then would stop time.</param>
    public bool DeliverInterrupts(int step, bool mayDelay = true)
    {
        Devices.SimDevices devices = state.Machine.Devices;
        bool delivered = false;
        delivered |= Deliver(devices.Timer.Irq, devices.Timer.InterruptAsserted(devices.NowTicks), step, mayDelay);
        delivered |= Deliver(devices.Uart.Irq, devices.Uart.InterruptAsserted, step, mayDelay);
        return delivered;
    }

    private bool Deliver(uint irq, bool asserted, int step, bool mayDelay)
    {
        Kernel kernel = state.Kernel;
        if (!asserted || !kernel.IrqEnabled(irq)) return false;
        if (mayDelay && faults.DelaysInterrupt())
        {
            recorder?.NoteDevice(step, $"interrupt {irq} held back (injected delay)");
            return false;
        }
        var machine = new SimMachine(state.Machine);
        int core = kernel.IrqTriggerCore(irq);
        if (core == Kernel.NoTriggerCore) core = 0;
        kernel.HandleInterrupt(ref machine, core, irq);
        recorder?.NoteDevice(step, $"interrupt {irq} at tick {state.Machine.Devices.NowTicks}");
        if (faults.DuplicatesInterrupt())
        {
            kernel.HandleInterrupt(ref machine, core, irq);
            recorder?.NoteDevice(step, $"interrupt {irq} delivered again (injected duplicate)");
        }
        return true;
    }

    /// <summary>Nothing can run: if the timer is armed and its line enabled, time passes until it fires.</summary>
    public bool AdvanceClockToTimer()
    {
        Devices.SimDevices devices = state.Machine.Devices;
        if (!devices.Timer.IsArmed || !state.Kernel.IrqEnabled(devices.Timer.Irq)) return false;
        ulong jitterTicks = faults.TimerJitterTicks();
        if (devices.NowTicks < devices.Timer.Compare + jitterTicks) devices.NowTicks = devices.Timer.Compare + jitterTicks;
        return DeliverInterrupts(state.Step, mayDelay: false);
    }

    /// <summary>Hands <see cref="ConsoleLine"/> every line completed since the last call.</summary>
    public void EmitConsoleLines()
    {
        if (ConsoleLine is null) return;
        List<byte> console = state.Machine.Console;
        for (int index = _consoleLineStart; index < console.Count; index++)
        {
            if (console[index] != (byte)'\n') continue;
            ConsoleLine(Encoding.ASCII.GetString(console.GetRange(_consoleLineStart, index - _consoleLineStart).ToArray()).TrimEnd('\r'));
            _consoleLineStart = index + 1;
        }
    }

    /// <summary>The thread's pending system register access (the generic timer's), done, and the thread resumed.</summary>
    public void AccessSystemRegister(SimThread sim, int step)
    {
        ref PendingOperation op = ref sim.Pending;
        Devices.SimDevices devices = state.Machine.Devices;
        ulong value = 0;
        if (op.IsWrite) devices.Timer.Write(op.Register, op.Value);
        else value = devices.Timer.Read(op.Register, devices.NowTicks);
        recorder?.Note(step, op.IsWrite ? SimEventKind.Store : SimEventKind.Load, sim, $"{(op.IsWrite ? "msr" : "mrs")} {op.Register} {(op.IsWrite ? op.Value : value)}");
        sim.Resume(new SyscallResult(KernelError.Ok, value, 0, 0, 0, 0, 0));
    }

    /// <summary>The thread's pending 32-bit device register access, done and the thread resumed; false (nothing done)
    /// when it does not hit a device page the thread has mapped and a device the platform has there: a data abort.</summary>
    public bool TryMmio(SimThread sim, int step)
    {
        ref PendingOperation op = ref sim.Pending;
        Devices.Pl011Model uart = state.Machine.Devices.Uart;
        VmRights needed = op.IsWrite ? VmRights.Write : VmRights.Read;
        if ((op.VirtAddr & 3) != 0 || !state.Kernel.TranslateMapping(sim.ModelThread, op.VirtAddr, needed, out ulong physAddr, out bool isDevice) || !isDevice || !uart.Contains(physAddr))
        {
            return false;
        }
        uint value = 0;
        if (op.IsWrite) uart.Write32(physAddr, (uint)op.Value, state.Machine.Console);
        else value = uart.Read32(physAddr);
        recorder?.Note(step, op.IsWrite ? SimEventKind.Store : SimEventKind.Load, sim, $"mmio {(op.IsWrite ? "write" : "read")} [0x{physAddr:X}] {(op.IsWrite ? op.Value : value)}");
        sim.Resume(new SyscallResult(KernelError.Ok, value, 0, 0, 0, 0, 0));
        return true;
    }
}
