using Kaal.Kernel.Arm64.Port;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>How the boot-time root tasks of the user-space variants fill frames: retyped memory comes as it is (the
/// machine port has no zeroing call yet), so each frame is cleared, then image bytes are copied in through the
/// kernel's identity map.</summary>
internal static unsafe class RootTaskFrames
{
    /// <summary>A 4 KiB frame from the untyped at <paramref name="untypedSlot"/> into <paramref name="slot"/>, zeroed;
    /// returns its physical address.</summary>
    public static ulong AllocateZeroed(RootTaskSyscalls calls, ulong untypedSlot, ulong slot)
    {
        ulong physAddr = calls.Invoke(Syscall.MemoryAllocate, untypedSlot, 12, slot);
        ulong* words = (ulong*)physAddr;
        for (ulong index = 0; index < UserTestLayout.PageBytes / 8; index++)
        {
            words[index] = 0;
        }
        return physAddr;
    }

    /// <summary>Copies up to a page from <paramref name="sourceAddress"/> into the frame at <paramref name="framePhysAddr"/>
    /// (a word at a time while the source is word-aligned, the frame always is, the rest byte by byte: a registry of
    /// per-component images is a megabyte or more, and a byte loop spent about 4 instructions per byte of it at boot).
    /// Code among the bytes becomes visible to instruction fetch when the frame is mapped executable
    /// (Port/ExecutableFrames.cs).</summary>
    public static void CopyInto(ulong framePhysAddr, ulong sourceAddress, ulong bytesLeft)
    {
        ulong count = bytesLeft < UserTestLayout.PageBytes ? bytesLeft : UserTestLayout.PageBytes;
        ulong words = (sourceAddress & 7) == 0 ? count / 8 : 0;
        ulong* targetWords = (ulong*)framePhysAddr;
        ulong* sourceWords = (ulong*)sourceAddress;
        for (ulong index = 0; index < words; index++)
        {
            targetWords[index] = sourceWords[index];
        }
        byte* target = (byte*)framePhysAddr;
        byte* source = (byte*)sourceAddress;
        for (ulong index = words * 8; index < count; index++)
        {
            target[index] = source[index];
        }
    }

    /// <summary>Fills <paramref name="target"/> from the bytes at <paramref name="sourceAddress"/> (for readers of managed arrays).</summary>
    public static void CopyInto(byte[] target, ulong sourceAddress)
    {
        byte* source = (byte*)sourceAddress;
        for (int index = 0; index < target.Length; index++)
        {
            target[index] = source[index];
        }
    }
}
