using Kaal.Model;

namespace Kaal.Cli.Benchmarks;

/// <summary>A machine port that does nothing: the benchmarks measure the Model alone.</summary>
internal struct NullMachine : IMachinePort
{
    public ulong ReadWord(ulong physAddr) => 0;

    public void WriteWord(ulong physAddr, ulong value)
    {
    }

    public void MapPage(uint vspace, ulong virtAddr, ulong physAddr, int sizeBits, VmRights rights, bool isDevice)
    {
    }

    public void UnmapPage(uint vspace, ulong virtAddr, int sizeBits)
    {
    }

    public void SetIrqEnabled(uint irq, bool enabled, int targetCore)
    {
    }

    public void ConsoleWrite(byte value)
    {
    }

    public void ReportUnhandledFault(uint thread, in FaultInfo fault)
    {
    }

    public void StallThread(uint thread)
    {
    }

    public void Shutdown(ulong exitCode)
    {
    }
}
