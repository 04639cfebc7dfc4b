using Kaal.Kernel.Arm64.Boot;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// What the Model asks of this machine (<see cref="IMachinePort"/>). A struct without fields, so the
/// Model's generic entry points compile to direct calls; all state lives in the port's static classes.
/// </summary>
internal unsafe struct MachinePort : IMachinePort
{
    /// <summary>Physical memory through the kernel's identity map: the Model hands out only addresses of
    /// RAM frames it checked, all inside the installed RAM.</summary>
    public ulong ReadWord(ulong physAddr) => *(ulong*)physAddr;

    public void WriteWord(ulong physAddr, ulong value) => *(ulong*)physAddr = value;

    public void MapPage(uint vspace, ulong virtAddr, ulong physAddr, int sizeBits, VmRights rights, bool isDevice)
    {
        if ((rights & VmRights.Execute) != 0 && !isDevice) ExecutableFrames.BeforeMapping(physAddr, sizeBits);
        UserPageTables.Map(vspace, virtAddr, physAddr, sizeBits, rights, isDevice);
    }

    public void UnmapPage(uint vspace, ulong virtAddr, int sizeBits) => UserPageTables.Unmap(vspace, virtAddr, sizeBits);

    public void SetIrqEnabled(uint irq, bool enabled, int targetCore) => Interrupts.SetLineEnabled(Machine.Platform, irq, enabled, targetCore);

    public void StallThread(uint thread) => UserSpace.StallThread(thread);

    public void ConsoleWrite(byte value) => KernelConsole.WriteChar((char)value);

    /// <summary>One line, not part of the test protocol: the thread index, the fault kind, where and why.</summary>
    public void ReportUnhandledFault(uint thread, in FaultInfo fault)
    {
        KernelConsole.Write("kaal: thread ");
        KernelConsole.WriteDecimal((ulong)thread);
        KernelConsole.Write(" faulted and stopped: ");
        KernelConsole.Write(fault.Kind == FaultKind.VmFault ? "VmFault" : fault.Kind == FaultKind.UnknownSyscall ? "UnknownSyscall" : "UserException");
        KernelConsole.Write(" pc=");
        KernelConsole.WriteHex(fault.ProgramCounter);
        KernelConsole.Write(" address=");
        KernelConsole.WriteHex(fault.Address);
        KernelConsole.Write(" ESR=");
        KernelConsole.WriteHex(fault.Syndrome);
        KernelConsole.Write(" (");
        KernelConsole.Write(ExceptionSyndrome.ClassName(ExceptionSyndrome.ExceptionClass(fault.Syndrome)));
        KernelConsole.WriteLine(")");
    }

    /// <summary>SHUTDOWN from the root task: the closing figures, then the exit code as the run's result.</summary>
    public void Shutdown(ulong exitCode)
    {
        BootFigures.Print();
        Machine.Exit((ExitCode)(int)exitCode);
    }
}
