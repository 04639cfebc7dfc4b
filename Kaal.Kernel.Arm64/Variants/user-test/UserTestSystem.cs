using Kaal.Kernel.Arm64.Port;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// Variant "user-test": the root task runs the EL0 test program of user_tests.S (tests, then benchmarks,
/// then SHUTDOWN). This set-up builds, with the root task's own syscalls, what the program finds at
/// fixed places (<see cref="UserTestLayout"/>):
/// - address space A (the root task's): the program image (read/execute), a data page, eight stacks, the
///   PL011's page as a device frame; seven helper threads in it (configured, not started: the program
///   sets their registers and resumes them);
/// - address space B (a process made by PROCESS_CREATE, with its own CNode): the same image frames
///   (copies of the caps, mapped again), a page shared with A, four stacks; the server thread (its
///   endpoint capability copied into its CNode) and three benchmark threads that use the root CSpace;
/// - endpoints, notifications, badged and rights-reduced copies, fault endpoints.
/// </summary>
internal static unsafe partial class VariantUserSpace
{
    static partial void Start(BootLayout* layout)
    {
        UserSpace.Initialize();
        ResidentKernel.CreateRootThread();
        Kaal.Model.Kernel kernel = ResidentKernel.Instance;
        var calls = new RootTaskSyscalls(kernel);
        ulong nextSlot = UserTestLayout.FirstSetupSlot;

        calls.Move(UserTestLayout.Untyped, kernel.LargestRamUntypedIndex());
        ulong imageBytes = layout->UserImageEndAddress - layout->UserImageStartAddress;
        ulong imagePages = (imageBytes + UserTestLayout.PageBytes - 1) / UserTestLayout.PageBytes;
        ulong firstImageFrame = nextSlot;
        for (ulong page = 0; page < imagePages; page++)
        {
            ulong offset = page * UserTestLayout.PageBytes;
            ulong frame = RootTaskFrames.AllocateZeroed(calls, UserTestLayout.Untyped, nextSlot++);
            RootTaskFrames.CopyInto(frame, layout->UserImageStartAddress + offset, imageBytes - offset);
            calls.Invoke(Syscall.MemoryMap, firstImageFrame + page, UserTestLayout.ImageAddress + offset, (ulong)(VmRights.Read | VmRights.Execute));
        }
        ulong dataSlot = nextSlot++;
        ulong dataFrame = RootTaskFrames.AllocateZeroed(calls, UserTestLayout.Untyped, dataSlot);
        calls.Invoke(Syscall.MemoryMap, dataSlot, UserTestLayout.DataAddress, (ulong)(VmRights.Read | VmRights.Write));
        calls.Copy(UserTestLayout.DataFrameReadOnly, dataSlot, CapRights.Read);
        ulong sharedSlot = nextSlot++;
        RootTaskFrames.AllocateZeroed(calls, UserTestLayout.Untyped, sharedSlot);
        calls.Invoke(Syscall.MemoryMap, sharedSlot, UserTestLayout.SharedAddress, (ulong)(VmRights.Read | VmRights.Write));
        for (int stack = 0; stack < UserTestLayout.RootStackCount; stack++)
        {
            RootTaskFrames.AllocateZeroed(calls, UserTestLayout.Untyped, nextSlot);
            calls.Invoke(Syscall.MemoryMap, nextSlot++, StackAddress(stack), (ulong)(VmRights.Read | VmRights.Write));
        }
        ulong uartSlot = nextSlot++;
        nextSlot = DeviceFrame(kernel, calls, Machine.Platform.UartBaseAddress, uartSlot, nextSlot);
        calls.Invoke(Syscall.MemoryMap, uartSlot, UserTestLayout.DeviceAddress, (ulong)(VmRights.Read | VmRights.Write));

        MakeCommunicationObjects(calls);
        MakeHelperThreads(calls);
        MakeServerProcess(calls, firstImageFrame, imagePages, sharedSlot, nextSlot);
        WriteBootInformation(dataFrame);

        calls.Invoke(Syscall.TcbWriteRegisters, UserTestLayout.RootTcb, UserTestLayout.ImageAddress,
            StackAddress(0) + UserTestLayout.PageBytes, 0);
        UserSpace.Enter();
    }

    private static void MakeCommunicationObjects(RootTaskSyscalls calls)
    {
        calls.Invoke(Syscall.EndpointCreate, UserTestLayout.Untyped, UserTestLayout.Endpoint);
        calls.Mint(UserTestLayout.EndpointClient, UserTestLayout.Endpoint, CapRights.Write | CapRights.GrantReply, UserTestLayout.ClientBadge);
        calls.Copy(UserTestLayout.EndpointReadOnly, UserTestLayout.Endpoint, CapRights.Read);
        MakeNotification(calls, UserTestLayout.IdleNotification, UserTestLayout.IdleNotificationSend, UserTestLayout.IdleBadge);
        MakeNotification(calls, UserTestLayout.PingNotification, UserTestLayout.PingNotificationSend, UserTestLayout.PingBadge);
        MakeNotification(calls, UserTestLayout.PongNotification, UserTestLayout.PongNotificationSend, UserTestLayout.PongBadge);
        MakeNotification(calls, UserTestLayout.DoneNotification, UserTestLayout.DoneNotificationSend, UserTestLayout.DoneBadge);
        MakeNotification(calls, UserTestLayout.IrqNotification, UserTestLayout.IrqNotificationBadged, UserTestLayout.IrqBadge);
        MakeNotification(calls, UserTestLayout.BenchNotification, UserTestLayout.BenchNotificationSend, UserTestLayout.BenchSignalBadge);
        MakeNotification(calls, UserTestLayout.CrossCoreNotification, UserTestLayout.CrossCoreNotificationSend, UserTestLayout.CrossCoreBadge);
        calls.Invoke(Syscall.EndpointCreate, UserTestLayout.Untyped, UserTestLayout.FaultEndpoint);
        calls.Mint(UserTestLayout.FaultEndpointInvalid, UserTestLayout.FaultEndpoint, CapRights.Write | CapRights.Grant, UserTestLayout.InvalidHelperBadge);
        calls.Mint(UserTestLayout.FaultEndpointFaults, UserTestLayout.FaultEndpoint, CapRights.Write | CapRights.Grant, UserTestLayout.FaultHelperBadge);
        calls.Invoke(Syscall.EndpointCreate, UserTestLayout.Untyped, UserTestLayout.BenchEndpoint);
        calls.Mint(UserTestLayout.BenchEndpointClient, UserTestLayout.BenchEndpoint, CapRights.Write | CapRights.GrantReply, UserTestLayout.BenchClientBadge);
    }

    /// <summary>A notification and a write-only copy that signals with <paramref name="badge"/>.</summary>
    private static void MakeNotification(RootTaskSyscalls calls, ulong slot, ulong sendSlot, ulong badge)
    {
        calls.Invoke(Syscall.NotificationCreate, UserTestLayout.Untyped, slot);
        calls.Mint(sendSlot, slot, CapRights.Write, badge);
    }

    /// <summary>Helper TCBs in address space A with the root CSpace; the invalid-syscall and fault helpers
    /// send their faults to the fault endpoint (badged per helper), the others have none.</summary>
    private static void MakeHelperThreads(RootTaskSyscalls calls)
    {
        calls.Retype(UserTestLayout.Untyped, ObjectType.Tcb, 0, UserTestLayout.SignalHelperTcb, UserTestLayout.HelperCount);
        ConfigureThread(calls, UserTestLayout.SignalHelperTcb, 0, UserTestLayout.RootVSpace, UserTestLayout.HelperPriority);
        ConfigureThread(calls, UserTestLayout.InvalidSyscallHelperTcb, UserTestLayout.FaultEndpointInvalid, UserTestLayout.RootVSpace, UserTestLayout.HelperPriority);
        ConfigureThread(calls, UserTestLayout.FaultHelperTcb, UserTestLayout.FaultEndpointFaults, UserTestLayout.RootVSpace, UserTestLayout.HelperPriority);
        ConfigureThread(calls, UserTestLayout.CrasherTcb, 0, UserTestLayout.RootVSpace, UserTestLayout.HelperPriority);
        ConfigureThread(calls, UserTestLayout.CheckerTcb, 0, UserTestLayout.RootVSpace, UserTestLayout.CheckerPriority);
        ConfigureThread(calls, UserTestLayout.SpinnerTcb, 0, UserTestLayout.RootVSpace, UserTestLayout.SpinnerPriority);
        ConfigureThread(calls, UserTestLayout.PreemptorTcb, 0, UserTestLayout.RootVSpace, UserTestLayout.SpinnerPriority);
        calls.Retype(UserTestLayout.Untyped, ObjectType.Tcb, 0, UserTestLayout.CrossCoreHelperTcb, 1);
        ConfigureThread(calls, UserTestLayout.CrossCoreHelperTcb, 0, UserTestLayout.RootVSpace, UserTestLayout.HelperPriority);
    }

    /// <summary>TCB_CONFIGURE with the root CSpace and no IPC buffer, then the priority.</summary>
    private static void ConfigureThread(RootTaskSyscalls calls, ulong tcb, ulong faultEndpoint, ulong vspace, ulong priority)
    {
        calls.Invoke(Syscall.TcbConfigure, tcb, faultEndpoint, UserTestLayout.RootCNode, vspace);
        calls.Invoke(Syscall.TcbSetPriority, tcb, priority);
    }

    /// <summary>Address space B: PROCESS_CREATE (TCB, CNode, VSpace), the image frames mapped again through
    /// copies of their caps, the shared page, stacks, the endpoint in the server's CNode, and the benchmark
    /// threads (root CSpace, VSpace B), using set-up slots from <paramref name="nextSlot"/> on.</summary>
    private static void MakeServerProcess(RootTaskSyscalls calls, ulong firstImageFrame, ulong imagePages, ulong sharedSlot, ulong nextSlot)
    {
        calls.Invoke(Syscall.ProcessCreate, UserTestLayout.Untyped, UserTestLayout.ServerTcb, UserTestLayout.ServerCNodeRadix, UserTestLayout.ServerPriority);
        for (ulong page = 0; page < imagePages; page++)
        {
            calls.Copy(nextSlot, firstImageFrame + page, CapRights.Read);
            calls.Invoke(Syscall.MemoryMapInto, UserTestLayout.ServerVSpace, nextSlot++, UserTestLayout.ImageAddress + page * UserTestLayout.PageBytes,
                (ulong)(VmRights.Read | VmRights.Execute));
        }
        calls.Copy(nextSlot, sharedSlot, CapRights.Read | CapRights.Write);
        calls.Invoke(Syscall.MemoryMapInto, UserTestLayout.ServerVSpace, nextSlot++, UserTestLayout.SharedAddress, (ulong)(VmRights.Read | VmRights.Write));
        for (int stack = 0; stack < UserTestLayout.ServerStackCount; stack++)
        {
            RootTaskFrames.AllocateZeroed(calls, UserTestLayout.Untyped, nextSlot);
            calls.Invoke(Syscall.MemoryMapInto, UserTestLayout.ServerVSpace, nextSlot++, StackAddress(stack), (ulong)(VmRights.Read | VmRights.Write));
        }
        calls.Invoke(Syscall.CapInsertInto, UserTestLayout.ServerTcb, UserTestLayout.Endpoint, UserTestLayout.ServerEndpointSlot,
            (ulong)(CapRights.Read | CapRights.Write | CapRights.Grant));

        calls.Retype(UserTestLayout.Untyped, ObjectType.Tcb, 0, UserTestLayout.BenchServerTcb, UserTestLayout.BenchThreadCount);
        ConfigureThread(calls, UserTestLayout.BenchServerTcb, 0, UserTestLayout.ServerVSpace, UserTestLayout.ServerPriority);
        ConfigureThread(calls, UserTestLayout.BenchWaiterTcb, 0, UserTestLayout.ServerVSpace, UserTestLayout.BenchWaiterPriority);
        ConfigureThread(calls, UserTestLayout.BenchYielderTcb, 0, UserTestLayout.ServerVSpace, UserTestLayout.BenchYielderPriority);
    }

    /// <summary>Numbers the EL0 program needs but must not hard-code: the UART's interrupt line on this
    /// platform, the Model's error reasons the invalid-syscall and cross-core tests expect, and how many cores the
    /// Model schedules (the cross-core test and benchmarks run only with more than one).</summary>
    private static void WriteBootInformation(ulong dataFrame)
    {
        ulong* data = (ulong*)dataFrame;
        data[UserTestLayout.BootUartInterruptLine / 8] = Machine.Platform.UartInterruptLine;
        data[UserTestLayout.BootReasonNullCapability / 8] = (ulong)ErrorReason.NullCapability;
        data[UserTestLayout.BootReasonWrongCapabilityType / 8] = (ulong)ErrorReason.WrongCapabilityType;
        data[UserTestLayout.BootReasonMissingRight / 8] = (ulong)ErrorReason.MissingRight;
        data[UserTestLayout.BootReasonRightsWiderThanCap / 8] = (ulong)ErrorReason.RightsWiderThanCap;
        data[UserTestLayout.BootReasonNotMappedInVSpace / 8] = (ulong)ErrorReason.NotMappedInVSpace;
        data[UserTestLayout.BootReasonDebugPrintTooLong / 8] = (ulong)ErrorReason.DebugPrintTooLong;
        data[UserTestLayout.BootReasonMappingMisaligned / 8] = (ulong)ErrorReason.MappingMisaligned;
        data[UserTestLayout.BootReasonPriorityAboveMaximum / 8] = (ulong)ErrorReason.PriorityAboveMaximum;
        data[UserTestLayout.BootCoreCount / 8] = (ulong)ResidentKernel.Instance.CoreCount;
        data[UserTestLayout.BootReasonCoreOutOfRange / 8] = (ulong)ErrorReason.CoreOutOfRange;
    }

    private static ulong StackAddress(int slot) => UserTestLayout.StackAddress + (ulong)slot * UserTestLayout.StackStrideBytes;

    /// <summary>
    /// The device frame at <paramref name="physAddr"/> into <paramref name="frameSlot"/>: the device untyped
    /// that covers it is split in halves (RETYPE into two untypeds) down to the 4 KiB that holds it, which is
    /// retyped into the frame. Returns the next free slot after the halves.
    /// </summary>
    private static ulong DeviceFrame(Kaal.Model.Kernel kernel, RootTaskSyscalls calls, ulong physAddr, ulong frameSlot, ulong nextSlot)
    {
        ulong untypedSlot = CapSlot.None;
        int sizeBits = 0;
        ulong baseAddress = 0;
        for (uint index = 0; index < kernel.BootInfo.UntypedCount; index++)
        {
            uint slot = BootInfo.FirstUntypedSlot + index;
            Capability cap = kernel.Slot(kernel.RootSlot(slot)).Cap;
            if (cap.Type != CapType.Untyped)
            {
                continue; // the RAM untyped moved away
            }
            ref readonly KernelObject region = ref kernel.Object(cap.Object);
            if (region.IsDevice && physAddr >= region.PhysAddr && physAddr < region.EndAddr)
            {
                untypedSlot = slot;
                sizeBits = region.SizeBits;
                baseAddress = region.PhysAddr;
            }
        }
        if (untypedSlot == CapSlot.None)
        {
            KernelPanic.HaltWithValue("user-test set-up: no device untyped covers", physAddr);
        }
        while (sizeBits > 12)
        {
            sizeBits--;
            calls.Retype(untypedSlot, ObjectType.Untyped, sizeBits, nextSlot, 2);
            bool upperHalf = physAddr >= baseAddress + (1UL << sizeBits);
            untypedSlot = upperHalf ? nextSlot + 1 : nextSlot;
            baseAddress += upperHalf ? 1UL << sizeBits : 0;
            nextSlot += 2;
        }
        calls.Retype(untypedSlot, ObjectType.Frame4K, 0, frameSlot, 1);
        return nextSlot;
    }
}
