using System.Runtime.InteropServices;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// One core's part of running user threads (Boot/UserSpace.cs keeps one per core the Model schedules): the Model's
/// scheduling state of the core, the core's <see cref="UserResume"/> (at the top of its kernel stack), the thread its
/// exit path was last pointed at, the thread whose FP/SIMD state its registers hold (each core has its own), and what
/// it runs now, which another core compares with the Model's choice to decide whether to interrupt it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CoreUser
{
    internal CoreState* Scheduling;
    internal UserResume* Resume;
    internal uint ResumedThread;
    internal uint ResumedGeneration;
    internal uint FpOwner;
    internal uint FpOwnerGeneration;
    /// <summary>The thread the core runs at EL0, its idle thread while it waits in the idle loop, or
    /// <see cref="Thread.None"/> before it entered user space, <see cref="Stalled"/> while another core acts on its
    /// thread (Boot/UserSpace.cs StallThread): when the Model's current thread of the core is another, a kernel entry
    /// on another core sends it a reschedule interrupt.</summary>
    internal uint Running;

    /// <summary><see cref="Running"/> of a core that another core stalled: it has left its thread (its registers are
    /// saved) and waits for the lock; the entry it is in is not its thread's any more. No thread has this index.</summary>
    internal const uint Stalled = ThreadEntry.None - 1;
    private readonly uint _padding;
}
