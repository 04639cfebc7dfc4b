namespace Kaal.Model.Tests;

public enum MachineCallKind : byte
{
    None = 0,
    MapPage,
    UnmapPage,
    SetIrqEnabled,
    StallThread,
}

/// <summary>One call the kernel made on the machine port.</summary>
public readonly record struct MachineCall(MachineCallKind Kind, uint VSpace, ulong VirtAddr, ulong PhysAddr, int SizeBits, VmRights Rights, bool IsDevice)
{
    public static MachineCall Map(uint vspace, ulong virtAddr, ulong physAddr, int sizeBits, VmRights rights, bool isDevice = false) =>
        new(MachineCallKind.MapPage, vspace, virtAddr, physAddr, sizeBits, rights, isDevice);

    public static MachineCall Unmap(uint vspace, ulong virtAddr, int sizeBits) =>
        new(MachineCallKind.UnmapPage, vspace, virtAddr, 0, sizeBits, VmRights.None, false);

    /// <summary>A stall of <paramref name="thread"/> (in the VSpace field, as SetIrqEnabled keeps its line there).</summary>
    public static MachineCall Stall(uint thread) => new(MachineCallKind.StallThread, thread, 0, 0, 0, VmRights.None, false);
}

/// <summary>The calls so far, in a buffer allocated once, so recording allocates nothing.</summary>
public sealed class MachineLog
{
    private readonly MachineCall[] _calls = new MachineCall[4096];

    public int Count { get; private set; }

    public MachineCall this[int index] => _calls[index];

    public void Add(in MachineCall call)
    {
        if (Count < _calls.Length) _calls[Count] = call;
        Count++;
    }

    public void Clear() => Count = 0;

    public MachineCall[] ToArray() => _calls[..System.Math.Min(Count, _calls.Length)];
}

/// <summary>A machine port that records mapping, interrupt-line and stall calls in a <see cref="MachineLog"/>.</summary>
public struct RecordingMachine : IMachinePort
{
    public MachineLog Log;

    public static RecordingMachine Create() => new() { Log = new MachineLog() };

    public ulong ReadWord(ulong physAddr) => 0;

    public void WriteWord(ulong physAddr, ulong value)
    {
    }

    public void MapPage(uint vspace, ulong virtAddr, ulong physAddr, int sizeBits, VmRights rights, bool isDevice) =>
        Log.Add(MachineCall.Map(vspace, virtAddr, physAddr, sizeBits, rights, isDevice));

    public void UnmapPage(uint vspace, ulong virtAddr, int sizeBits) => Log.Add(MachineCall.Unmap(vspace, virtAddr, sizeBits));

    /// <summary>The target core goes in the SizeBits field (logged for lines being enabled only, where it matters).</summary>
    public void SetIrqEnabled(uint irq, bool enabled, int targetCore) =>
        Log.Add(new MachineCall(MachineCallKind.SetIrqEnabled, irq, enabled ? 1UL : 0UL, 0, enabled ? targetCore : 0, VmRights.None, false));

    public void ConsoleWrite(byte value)
    {
    }

    public void ReportUnhandledFault(uint thread, in FaultInfo fault)
    {
    }

    public void StallThread(uint thread) => Log.Add(MachineCall.Stall(thread));

    public void Shutdown(ulong exitCode)
    {
    }
}
