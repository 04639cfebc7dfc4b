using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// Variant "user-csharp" (spike, issue 6): the root task runs ONE C# component compiled by ILC into an EL0
/// image (Kaal.User.Arm64). The image starts with a header (UserRuntime/start.S): +8 bytes to copy, +16 bytes
/// of memory it needs (.bss, stack and heap included). The set-up copies it into zeroed frames mapped
/// read/write/execute at 0x400000 (spike: one region; a loader would map text RX and data RW from the ELF's
/// segments), makes a notification (slot 0x44) and a copy badged 0x5A (slot 0x45), and enters EL0 at the
/// image's first byte. Capability slots and the untyped follow UserTestLayout (shared with user-test).
/// </summary>
internal static unsafe partial class VariantUserSpace
{
    private const ulong HeaderLoadBytes = 8;
    private const ulong HeaderMemoryBytes = 16;
    private const ulong ComponentNotification = 0x44;
    private const ulong ComponentNotificationSend = 0x45;
    private const ulong ComponentBadge = 0x5A;

    static partial void Start(BootLayout* layout)
    {
        UserSpace.Initialize();
        ResidentKernel.CreateRootThread();
        Kaal.Model.Kernel kernel = ResidentKernel.Instance;
        var calls = new RootTaskSyscalls(kernel);
        ulong nextSlot = UserTestLayout.FirstSetupSlot;
        calls.Move(UserTestLayout.Untyped, kernel.LargestRamUntypedIndex());

        ulong image = layout->UserImageStartAddress;
        ulong loadBytes = *(ulong*)(image + HeaderLoadBytes);
        ulong memoryBytes = *(ulong*)(image + HeaderMemoryBytes);
        if (loadBytes > layout->UserImageEndAddress - image || memoryBytes < loadBytes)
        {
            KernelPanic.HaltWithValue("user-csharp: bad component image header; load bytes", loadBytes);
        }
        ulong pages = (memoryBytes + UserTestLayout.PageBytes - 1) / UserTestLayout.PageBytes;
        for (ulong page = 0; page < pages; page++)
        {
            ulong offset = page * UserTestLayout.PageBytes;
            ulong frame = RootTaskFrames.AllocateZeroed(calls, UserTestLayout.Untyped, nextSlot);
            if (offset < loadBytes)
            {
                RootTaskFrames.CopyInto(frame, image + offset, loadBytes - offset);
            }
            calls.Invoke(Syscall.MemoryMap, nextSlot++, UserTestLayout.ImageAddress + offset,
                (ulong)(VmRights.Read | VmRights.Write | VmRights.Execute));
        }
        calls.Invoke(Syscall.NotificationCreate, UserTestLayout.Untyped, ComponentNotification);
        calls.Mint(ComponentNotificationSend, ComponentNotification, CapRights.Write, ComponentBadge);

        calls.Invoke(Syscall.TcbWriteRegisters, UserTestLayout.RootTcb, UserTestLayout.ImageAddress, 0, 0);
        UserSpace.Enter();
    }
}
