namespace Kaal.Model;

/// <summary>
/// seL4's remoteTCBStall (src/object/tcb.c) where it is called outside the TCB invocations: in finaliseCap for a
/// final thread capability (src/object/objecttype.c), before the thread is suspended and destroyed. Without it
/// another core could go on running a destroyed thread until its reschedule interrupt arrived, after the delete
/// had returned. The TCB invocations stall at decode (<see cref="IMachinePort.StallThread"/> in SysTcb); these are
/// the only two places the non-MCS seL4 stalls (the MCS kernel adds scheduling-context ones, which the Model has not).
/// <para>
/// Destruction runs deep in Delete, Revoke and a TCB's Configure, where the Model has no machine port, so a
/// destroyed thread is queued here and the general syscall path stalls the queued threads as soon as the
/// invocation is done (<see cref="StallDestroyedThreads"/>), before scheduling, before any mapping or interrupt line
/// changes reach the machine and before any thread resumes. The entry holds the kernel lock throughout, and the
/// Model writes no user memory while destroying, so the few user instructions the other core may run meanwhile are
/// as if they ran before the syscall: what the caller sees when it returns is what seL4 guarantees.
/// </para>
/// </summary>
public sealed partial class Kernel
{
    /// <summary>Queues <paramref name="thread"/>, about to be destroyed, for a stall at the end of the invocation.
    /// One core has nothing to stall (seL4's remoteTCBStall compares the thread's core with the current one).</summary>
    private void RequestRemoteStall(uint thread)
    {
        if (_cores.Length == 1) return;
        // Each thread is destroyed once per entry, so the thread table bounds the queue.
        KernelAssert.That(_stallQueueLength < (uint)_stallQueue.Length, AssertionSite.BoundExceeded, _stallQueueLength);
        _stallQueue[_stallQueueLength] = thread;
        _stallQueueLength++;
    }

    /// <summary>Asks the machine to stop every core that may still run a thread destroyed by this invocation; the
    /// machine decides which cores that is, as for the TCB invocations.</summary>
    private void StallDestroyedThreads<TMachine>(ref TMachine machine) where TMachine : struct, IMachinePort
    {
        for (uint index = 0; index < _stallQueueLength; index++) machine.StallThread(_stallQueue[index]);
        _stallQueueLength = 0;
    }
}
