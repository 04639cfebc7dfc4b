namespace Kaal.Model;

/// <summary>
/// The memory syscalls (MEMORY_MAP, MEMORY_MAP_INTO, MEMORY_UNMAP, MEMORY_REMAP) and DEBUG_PRINT, which
/// reads the caller's memory through its VSpace. Rights arguments are <see cref="VmRights"/> bits.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>The most DEBUG_PRINT copies in one call: a bound on the work of one kernel entry.</summary>
    public const ulong DebugPrintMaxBytes = 1024;

    private KernelResult DispatchMemory<TMachine>(ref TMachine machine, uint thread, Syscall number, out bool known)
        where TMachine : struct, IMachinePort
    {
        known = true;
        switch (number)
        {
            case Syscall.MemoryMap: return Done(thread, SysMemoryMap(thread, 0, _threads[thread].VSpaceRoot, OwnVSpaceArgument, 1, 2));
            case Syscall.MemoryMapInto:
                KernelResult vspace = LookupTypedCap(thread, 0, CapType.VSpace, out uint vspaceSlot);
                if (!vspace.IsOk) return vspace;
                return Done(thread, SysMemoryMap(thread, 1, _slots[vspaceSlot].Cap, 0, 2, 3));
            case Syscall.MemoryUnmap:
            {
                KernelResult result = LookupTypedCap(thread, 0, CapType.Frame, out uint frameSlot);
                return Done(thread, result.IsOk ? FrameUnmap(frameSlot) : result);
            }
            case Syscall.MemoryRemap:
            {
                KernelResult result = LookupTypedCap(thread, 0, CapType.Frame, out uint frameSlot);
                if (!result.IsOk) return result;
                result = FrameRemap(frameSlot, RightsArg(thread, 1));
                return Done(thread, result.IsOk || result.ArgumentPosition == 0 ? result : result.WithArgumentPosition(1));
            }
            case Syscall.DebugPrint: return Done(thread, SysDebugPrint(ref machine, thread));
            default:
                known = false;
                return KernelResult.Ok();
        }
    }

    /// <summary>Argument position reported for MEMORY_MAP's implicit VSpace (the caller's own root).</summary>
    public const int OwnVSpaceArgument = 255;

    /// <summary>FrameMap numbers its arguments 0 frame, 1 VSpace, 2 address, 3 rights; errors are renumbered to
    /// the registers the caller used.</summary>
    private KernelResult SysMemoryMap(uint thread, int frameArgument, in Capability vspaceCap, int vspaceArgument, int addressArgument, int rightsArgument)
    {
        KernelResult result = LookupTypedCap(thread, frameArgument, CapType.Frame, out uint frameSlot);
        if (!result.IsOk) return result;
        result = FrameMap(frameSlot, vspaceCap, Arg(thread, addressArgument), RightsArg(thread, rightsArgument));
        if (result.IsOk || (result.Error != KernelError.InvalidArgument && result.Error != KernelError.InvalidCapability)) return result;
        int position = result.ArgumentPosition switch
        {
            0 => frameArgument,
            1 => vspaceArgument,
            2 => addressArgument,
            _ => rightsArgument,
        };
        return result.WithArgumentPosition(position);
    }

    /// <summary>Bits beyond R/W/X survive the cast so that FrameMap reports them, instead of being dropped.</summary>
    private VmRights RightsArg(uint thread, int argument)
    {
        ulong value = Arg(thread, argument);
        return value > byte.MaxValue ? (VmRights)byte.MaxValue : (VmRights)value;
    }

    /// <summary>DEBUG_PRINT(x0 address, x1 length): bytes the caller can read, to the console. Checked whole
    /// before the first byte is written, so a bad buffer prints nothing. A frame is 4 KiB or 2 MiB and mapped at an
    /// address aligned to its size, so every byte of a 4 KiB page lies in the mapping its first byte does: one
    /// translation per page answers for each byte of it (a translation walks the VSpace's mapping list; per byte, it was
    /// most of the time a system's console lines took).</summary>
    private KernelResult SysDebugPrint<TMachine>(ref TMachine machine, uint thread) where TMachine : struct, IMachinePort
    {
        const ulong pageMask = (1UL << ObjectSizes.PageBits) - 1;
        ulong virtAddr = Arg(thread, 0);
        ulong lengthBytes = Arg(thread, 1);
        if (lengthBytes > DebugPrintMaxBytes) return KernelResult.Range(ErrorReason.DebugPrintTooLong, 0, DebugPrintMaxBytes);
        for (ulong offset = 0; offset < lengthBytes; offset = ((virtAddr + offset) | pageMask) + 1 - virtAddr)
        {
            if (!TranslateUserAddress(thread, virtAddr + offset, VmRights.Read, out _))
            {
                return KernelResult.InvalidArgument(ErrorReason.NotMappedInVSpace, 0);
            }
        }
        ulong page = 0, pagePhysAddr = 0;
        for (ulong offset = 0; offset < lengthBytes; offset++)
        {
            ulong at = virtAddr + offset;
            if (offset == 0 || (at & ~pageMask) != page)
            {
                page = at & ~pageMask;
                TranslateUserAddress(thread, page, VmRights.Read, out pagePhysAddr);
            }
            ulong physAddr = pagePhysAddr + (at & pageMask);
            ulong word = machine.ReadWord(physAddr & ~7UL);
            machine.ConsoleWrite((byte)(word >> (int)((physAddr & 7) * 8)));
        }
        return KernelResult.Ok();
    }
}
