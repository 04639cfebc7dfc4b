using System.Runtime;
using System.Runtime.InteropServices;
using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The big kernel lock (Port/big_kernel_lock.S): one fair ticket lock around every kernel entry, as seL4 runs on
/// several cores. Boot/vectors.S takes it on every entry from EL0 (the syscall fast path included) and releases it
/// on every exit; an IRQ taken inside the kernel (the idle loop's interrupt window) runs under the lock its core
/// already holds, any other kernel-mode IRQ takes it here. The Model is only ever entered by its holder, which
/// <see cref="AssertHeld"/> checks at every managed entry.
/// </summary>
internal static unsafe class BigKernelLock
{
    [StructLayout(LayoutKind.Sequential)]
    private struct State
    {
        internal uint Ticket;
        /// <summary>The holding core's index + 1; 0 when free.</summary>
        internal uint Holder;
        internal ulong Acquisitions;
        internal ulong Releases;
    }

    [DllImport("*", EntryPoint = "kaal_bkl_acquire"), SuppressGCTransition]
    internal static extern void Acquire();

    [DllImport("*", EntryPoint = "kaal_bkl_release"), SuppressGCTransition]
    internal static extern void Release();

    /// <summary>What a core waiting for the lock says it is in its waiting word (bits 7:0) when a syscall brought it
    /// into the kernel (Boot/vectors.S ENTRY_SYSCALL); any other entry from EL0 says its vector index.</summary>
    internal const uint SyscallEntry = 16;

    /// <summary>For the holder only: returns once <paramref name="core"/> waits for the lock (it took a ticket after
    /// saving all its thread's registers), which it cannot get before the holder releases it; the result is its
    /// waiting word, whose bits 7:0 say what brought it in (<see cref="SyscallEntry"/>, or a vector index).</summary>
    [DllImport("*", EntryPoint = "kaal_bkl_wait_until_waiting"), SuppressGCTransition]
    internal static extern uint WaitUntilWaiting(int core);

    [DllImport("*", EntryPoint = "kaal_bkl_address"), SuppressGCTransition]
    private static extern State* Address();

    /// <summary>The lock's state, kept so that the check at every entry costs two loads and a compare.</summary>
    private static State* s_state;

    private static State* StateAddress => s_state != null ? s_state : s_state = Address();

    internal static bool HeldByThisCore => StateAddress->Holder == (uint)Arch.CurrentCore() + 1;

    /// <summary>Acquisitions minus releases: 1 while some core is inside the kernel, 0 when none is.</summary>
    internal static ulong Outstanding => StateAddress->Acquisitions - StateAddress->Releases;

    internal static ulong Acquisitions => StateAddress->Acquisitions;

    /// <summary>The runtime check that no core runs kernel code on the Model's state without the lock:
    /// <paramref name="core"/> (the caller's own index) must be its holder.</summary>
    internal static void AssertHeld(int core)
    {
        uint holder = StateAddress->Holder;
        if (holder != (uint)core + 1) NotHeld(holder);
    }

    /// <summary>The check failed (here or in Boot/vectors.S's fast entry): a kernel panic naming the holder.</summary>
    [RuntimeExport("kaal_bkl_not_held")]
    private static void NotHeld(uint holder) =>
        KernelPanic.HaltWithValue("kernel entered without the big kernel lock; holder (core + 1)", holder);
}
