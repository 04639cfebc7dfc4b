using System.Runtime.InteropServices;
using Kaal.Kernel.Arm64.Port;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// Where every exception vector from the kernel itself lands (called from Boot/vectors.S with the saved frame). The
/// kernel runs at EL1 on SP_EL1, so IRQs arrive on vector 5 (current EL, SP_ELx); it handles those and returns.
/// Everything else (synchronous faults, FIQ, SError, anything from a lower EL, which has no user space
/// yet) is a panic that prints the frame.
/// </summary>
internal static unsafe class ExceptionEntry
{
    internal const ulong VectorSynchronousCurrentElSpx = 4;
    internal const ulong VectorIrqCurrentElSpx = 5;

    [UnmanagedCallersOnly(EntryPoint = "kaal_exception_entry")]
    private static void OnException(ExceptionFrame* frame, ulong vectorIndex)
    {
        if (vectorIndex == VectorIrqCurrentElSpx)
        {
            OnKernelIrq();
            return;
        }
        if (vectorIndex == VectorSynchronousCurrentElSpx && Semihosting.IsCallInProgress)
        {
            // QEMU without -semihosting: HLT is an undefined instruction, and the exit code cannot be delivered.
            KernelConsole.WriteLine("kaal: no semihosting (QEMU needs -semihosting for the exit code); stopping");
            Machine.Stop();
        }
        KernelPanic.HaltWithFrame(frame, vectorIndex);
    }

    /// <summary>An IRQ inside the kernel: in the idle loop's window its core holds the big kernel lock already; on a
    /// core running kernel code without it (the boot core's self-test, a secondary before user space) it takes the
    /// lock around the handler, as every kernel entry does.</summary>
    private static void OnKernelIrq()
    {
        bool held = BigKernelLock.HeldByThisCore;
        if (!held) BigKernelLock.Acquire();
        Interrupts.HandleIrq(Machine.Platform);
        if (UserSpace.IsReady) UserSpace.NotifyOtherCores(Arch.CurrentCore());
        if (!held) BigKernelLock.Release();
    }
}
