namespace Kaal.Model.Scenarios;

/// <summary>Memory syscalls through the dispatcher: allocate, map, print through the mapping, unmap.</summary>
public static class MemoryScenarios
{
    private const uint F = ScenarioSystem.FirstFreeSlot;
    private const ulong Ok = 0;
    private const ulong BufferVirtAddr = 0x1000_0000;

    public static ushort MapPrintUnmap()
    {
        var checks = new ScenarioChecks();
        var s = new ScenarioSystem(1);
        checks.That(s.Sys(0, Syscall.MemoryAllocate, s.UntypedSlot, ObjectSizes.PageBits, F) == Ok);
        ulong physAddr = s.Reg(s.RootThread, 1);
        checks.That(physAddr >= ScenarioKernel.RamBaseAddr && (physAddr & 0xFFF) == 0);
        checks.That(s.Sys(0, Syscall.MemoryMap, F, BufferVirtAddr, (ulong)(VmRights.Read | VmRights.Write)) == Ok);
        checks.That(s.Machine.MapCount == 1);
        s.Machine.WriteWord(physAddr, 0x0A_69_6B); // "ki\n" little-endian
        checks.That(s.Sys(0, Syscall.DebugPrint, BufferVirtAddr, 3) == Ok);
        checks.That(s.Machine.ConsoleLength == 3 && s.Machine.ConsoleByte(0) == (byte)'k' && s.Machine.ConsoleByte(1) == (byte)'i');
        checks.That(s.Sys(0, Syscall.DebugPrint, BufferVirtAddr + 0xFFF, 2) == (ulong)KernelError.InvalidArgument);
        checks.That(s.Machine.ConsoleLength == 3);
        checks.That(s.Sys(0, Syscall.DebugPrint, BufferVirtAddr, Kernel.DebugPrintMaxBytes + 1) == (ulong)KernelError.RangeError);
        checks.That(s.Sys(0, Syscall.MemoryMap, F, BufferVirtAddr + 8, (ulong)VmRights.Read) != Ok);
        checks.That(s.Sys(0, Syscall.MemoryUnmap, F) == Ok);
        checks.That(s.Machine.UnmapCount == 1);
        checks.That(s.Sys(0, Syscall.DebugPrint, BufferVirtAddr, 1) == (ulong)KernelError.InvalidArgument);
        checks.Invariants(s.Kernel);
        return checks.FirstFailedCheck;
    }
}
