namespace Kaal.Model;

/// <summary>
/// Everything the Model asks of the machine. The Model never touches hardware (DESIGN decision 3): the
/// simulator implements this with host data, Kaal.Kernel.Arm64 with registers and page tables. It is
/// always a struct passed as a generic type argument, so calls are static on bare metal.
/// </summary>
public interface IMachinePort
{
    /// <summary>Reads a 64-bit word of physical memory (an IPC buffer); the Model checked it is a frame.</summary>
    ulong ReadWord(ulong physAddr);

    void WriteWord(ulong physAddr, ulong value);

    /// <summary>A mapping appeared in an address space: mirror it in real page tables.</summary>
    void MapPage(uint vspace, ulong virtAddr, ulong physAddr, int sizeBits, VmRights rights, bool isDevice);

    void UnmapPage(uint vspace, ulong virtAddr, int sizeBits);

    /// <summary>Masks (false) or unmasks (true) an interrupt line at the interrupt controller; an unmasked line
    /// interrupts <paramref name="targetCore"/> (its handler's trigger core, else the core that unmasked it) where the
    /// controller can route it.</summary>
    void SetIrqEnabled(uint irq, bool enabled, int targetCore);

    /// <summary>A byte for the kernel console (DEBUG_PUTCHAR, DEBUG_PRINT).</summary>
    void ConsoleWrite(byte value);

    /// <summary>A user thread faulted and has no fault endpoint: say which thread, what and where.</summary>
    void ReportUnhandledFault(uint thread, in FaultInfo fault);

    /// <summary>
    /// A TCB invocation is about to act on <paramref name="thread"/> (seL4's remoteTCBStall at the start of
    /// decodeTCBInvocation), or an invocation destroyed it (remoteTCBStall in finaliseCap; RemoteStall.cs): where
    /// another core may be running that thread at this moment, the machine stops it there first, so that its
    /// registers are in its block and what the invocation does holds when the syscall returns (a destroyed thread
    /// runs no further instruction). A machine whose cores never run at once (the simulator, one core) has nothing to do.
    /// </summary>
    void StallThread(uint thread);

    /// <summary>The root task asked the machine to power off.</summary>
    void Shutdown(ulong exitCode);
}
