namespace Kaal.Model.Scenarios;

/// <summary>
/// A machine port for scenarios, small enough for the bare-metal self-test: a sparse physical memory of
/// a few hundred words, a console buffer, and counters of what the kernel asked of the machine.
/// </summary>
public struct ScenarioMachine : IMachinePort
{
    public const int MemoryWordCapacity = 512;
    public const int ConsoleCapacityBytes = 256;

    private ulong[] _addrs;
    private ulong[] _values;
    private int _wordCount;
    private byte[] _console;

    public int ConsoleLength;
    public int MapCount;
    public int UnmapCount;
    public int UnhandledFaults;
    public uint LastFaultThread;
    public FaultKind LastFaultKind;
    public bool ShutDown;
    public ulong ExitCode;

    public static ScenarioMachine Create() => new()
    {
        _addrs = new ulong[MemoryWordCapacity],
        _values = new ulong[MemoryWordCapacity],
        _console = new byte[ConsoleCapacityBytes],
    };

    public readonly byte ConsoleByte(int index) => _console[index];

    public ulong ReadWord(ulong physAddr)
    {
        for (int index = 0; index < _wordCount; index++)
        {
            if (_addrs[index] == physAddr) return _values[index];
        }
        return 0;
    }

    public void WriteWord(ulong physAddr, ulong value)
    {
        for (int index = 0; index < _wordCount; index++)
        {
            if (_addrs[index] == physAddr)
            {
                _values[index] = value;
                return;
            }
        }
        KernelAssert.That(_wordCount < MemoryWordCapacity, AssertionSite.BoundExceeded, physAddr);
        _addrs[_wordCount] = physAddr;
        _values[_wordCount] = value;
        _wordCount++;
    }

    public void MapPage(uint vspace, ulong virtAddr, ulong physAddr, int sizeBits, VmRights rights, bool isDevice) => MapCount++;

    public void UnmapPage(uint vspace, ulong virtAddr, int sizeBits) => UnmapCount++;

    public void SetIrqEnabled(uint irq, bool enabled, int targetCore)
    {
    }

    public void ConsoleWrite(byte value)
    {
        if (ConsoleLength < ConsoleCapacityBytes) _console[ConsoleLength++] = value;
    }

    public void ReportUnhandledFault(uint thread, in FaultInfo fault)
    {
        UnhandledFaults++;
        LastFaultThread = thread;
        LastFaultKind = fault.Kind;
    }

    /// <summary>The scenarios run one step at a time: no thread runs while the kernel does.</summary>
    public void StallThread(uint thread)
    {
    }

    public void Shutdown(ulong exitCode)
    {
        ShutDown = true;
        ExitCode = exitCode;
    }
}
