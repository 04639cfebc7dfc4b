using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>How the boot-time root tasks of the user-space variants fill frames: retyped memory comes as it is (the
/// machine port has no zeroing call yet), so each frame is cleared, then image bytes are copied in through the
/// kernel's identity map.</summary>
internal static unsafe class RootTaskFrames
{
    /// <summary>A 4 KiB frame from the root task's untyped, zeroed; returns its physical address.</summary>
    public static ulong AllocateZeroed(RootTaskSyscalls calls, ulong slot)
    {
        ulong physAddr = calls.Invoke(Syscall.MemoryAllocate, UserTestLayout.Untyped, 12, slot);
        ulong* words = (ulong*)physAddr;
        for (ulong index = 0; index < UserTestLayout.PageBytes / 8; index++)
        {
            words[index] = 0;
        }
        return physAddr;
    }

    /// <summary>Copies up to a page from <paramref name="sourceAddress"/> into the frame at <paramref name="framePhysAddr"/>.</summary>
    public static void CopyInto(ulong framePhysAddr, ulong sourceAddress, ulong bytesLeft)
    {
        ulong count = bytesLeft < UserTestLayout.PageBytes ? bytesLeft : UserTestLayout.PageBytes;
        byte* target = (byte*)framePhysAddr;
        byte* source = (byte*)sourceAddress;
        for (ulong index = 0; index < count; index++)
        {
            target[index] = source[index];
        }
    }
}
