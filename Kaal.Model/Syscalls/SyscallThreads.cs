namespace Kaal.Model;

/// <summary>The TCB syscalls: x0 is always the TCB capability's address in the caller's CSpace.</summary>
public sealed partial class Kernel
{
    private KernelResult SysTcb<TMachine>(ref TMachine machine, uint thread, Syscall number) where TMachine : struct, IMachinePort
    {
        KernelResult result = LookupTypedCap(thread, 0, CapType.Tcb, out uint tcbSlot);
        if (!result.IsOk) return result;
        Capability tcb = _slots[tcbSlot].Cap;
        machine.StallThread(ThreadOf(tcb));
        switch (number)
        {
            case Syscall.TcbConfigure:
                return TcbConfigure(thread, tcbSlot, Arg(thread, 1), Arg(thread, 2), Arg(thread, 3), Arg(thread, 4), Arg(thread, 5));
            case Syscall.TcbSetPriority: return TcbSetPriority(thread, tcb, Arg(thread, 1));
            case Syscall.TcbSetMaxControlledPriority: return TcbSetMaxControlledPriority(thread, tcb, Arg(thread, 1));
            case Syscall.TcbSuspend: return TcbSuspend(tcb);
            case Syscall.TcbResume: return TcbResume(tcb);
            case Syscall.TcbWriteRegisters: return TcbWriteRegisters(tcb, Arg(thread, 1), Arg(thread, 2), Arg(thread, 3));
            case Syscall.TcbUnbindNotification: return TcbUnbindNotification(tcb);
            case Syscall.TcbSetAffinity: return TcbSetAffinity(tcb, Arg(thread, 1));
            default:
                result = LookupTypedCap(thread, 1, CapType.Notification, out uint notificationSlot);
                if (!result.IsOk) return result;
                return TcbBindNotification(tcb, _slots[notificationSlot].Cap);
        }
    }
}
