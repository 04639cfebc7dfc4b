using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// A component's fault in words, by its kind as the CPU would report it: a data abort says why the MMU refused the
/// access (nothing mapped there: a translation fault; mapped without the right: a permission fault; a misaligned
/// word: an alignment fault), an unknown syscall its number, and a fault message (label = kind, MR0 = pc, MR1 =
/// address or syscall number; docs/abi.md, "Faults") the same way, so no report shows a bare kind number.
/// </summary>
internal static class FaultText
{
    /// <summary>The fault a fault message describes.</summary>
    public static string Of(ulong kind, ulong programCounter, ulong address) => (FaultKind)kind switch
    {
        FaultKind.UnknownSyscall => $"unknown syscall {address} (0x{address:X}) at pc 0x{programCounter:X}",
        FaultKind.VmFault => $"data abort at 0x{address:X} (pc 0x{programCounter:X})",
        FaultKind.UserException => $"user exception (an undefined instruction, a misaligned access or another CPU exception) at pc 0x{programCounter:X}",
        _ => $"fault of unknown kind {kind} at pc 0x{programCounter:X}, address 0x{address:X}",
    };

    /// <summary>Why a load or store of <paramref name="virtAddr"/> by <paramref name="thread"/> aborted.</summary>
    public static string Access(Kernel kernel, uint thread, ulong virtAddr, bool isWrite, bool wordAccess)
    {
        string what = $"{(isWrite ? "store to" : "load from")} 0x{virtAddr:X}";
        if (wordAccess && (virtAddr & 7) != 0) return $"alignment fault: {what} is not 8-byte aligned";
        if (!kernel.TranslateMapping(thread, virtAddr, VmRights.None, out _, out bool isDevice)) return $"data abort (translation fault): {what}, where nothing is mapped";
        if (!kernel.TranslateMapping(thread, virtAddr, isWrite ? VmRights.Write : VmRights.Read, out _, out _))
        {
            return $"data abort (permission fault): {what}, which is mapped without the {(isWrite ? "write" : "read")} right";
        }
        return isDevice ? $"data abort: {what}, which is device memory (device registers are read and written with Mmio)" : $"data abort: {what}, which is not RAM";
    }
}
