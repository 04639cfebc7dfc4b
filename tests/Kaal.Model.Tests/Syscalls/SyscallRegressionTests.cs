using Xunit;
using static Kaal.Model.Tests.Syscalls.SyscallRig;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// Minimal reproductions of the Kaal.Model bugs the syscall tests (dispatcher tests and the random-sequence
/// property) found, kept as regression tests; fixed in bd5ba1a. Each comment gives the expected behaviour and
/// what the Model did before the fix.
/// </summary>
public sealed class SyscallRegressionTests
{
    /// <summary>
    /// A server that receives a second Call before replying to the first: seL4 (non-MCS handleRecv →
    /// deleteCallerCap) drops the first caller's reply right; that caller stays BlockedOnReply with nobody
    /// able to answer. Expected: both invariant checkers pass. Was: the first caller still said it awaited a
    /// reply from the server while the server's reply right named the second caller:
    /// CheckSchedulerInvariants reported ReplyLinkBroken.
    /// </summary>
    [Fact]
    public void A_second_call_received_before_replying_leaves_consistent_reply_links()
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F);
        uint first = r.S.Spawn(F + 10, 100, 0);
        uint second = r.S.Spawn(F + 11, 90, 0);
        r.Sys(Syscall.Recv, F);
        Assert.Equal(first, r.Current());
        r.Sys(Syscall.Call, F, MessageInfo.Make(1, 0, 0, 0));
        Assert.Equal(r.RootThread, r.Current());
        r.Sys(Syscall.Recv, F);
        Assert.Equal(second, r.Current());
        r.S.Sys(0, Syscall.Call, F, MessageInfo.Make(2, 0, 0, 0));
        Assert.Equal(r.RootThread, r.Current());
        Assert.Equal(ThreadState.BlockedOnReply, r.State(first));
        Assert.Equal(ThreadState.BlockedOnReply, r.State(second));
        KernelState.AssertInvariants(r.K);
    }

    /// <summary>
    /// The running thread of core 1 moves itself (TCB_SET_AFFINITY) to core 0, which is idle. Expected: it runs
    /// on core 0, core 1 goes idle, invariants hold. Was: ScheduleAllCores handled core 0 first (the thread
    /// became core 0's current, Running), then core 1, whose Current still named the thread and saw it
    /// Running, so prepended it to the ready queue: core 0's current thread was Ready and queued
    /// (CheckSchedulerInvariants: CurrentThreadWrong). Moving to a higher-numbered core did not show it.
    /// </summary>
    [Fact]
    public void The_running_thread_moving_itself_to_an_idle_lower_numbered_core_runs_there()
    {
        var r = new SyscallRig(2);
        uint t = r.S.Spawn(F, 10, 1);
        Assert.Equal(t, r.Current(1));
        r.Ok(Syscall.TcbSuspend, BootInfo.InitialThreadSlot);
        Assert.Equal(r.K.Core(0).Idle, r.Current(0));
        r.S.Sys(1, Syscall.TcbSetAffinity, F, 0);
        KernelState.AssertInvariants(r.K);
        Assert.Equal(t, r.Current(0));
        Assert.Equal(ThreadState.Running, r.State(t));
        Assert.Equal(r.K.Core(1).Idle, r.Current(1));
    }

    /// <summary>PROCESS_CREATE is all or nothing (docs/abi.md): when the CNode or the VSpace cannot be made, no capability stays
    /// and the untyped is as it was, its watermark included. Was: the TCB (and CNode) were deleted again but the
    /// untyped's watermark stayed advanced, so the failed call used up memory only a revoke gave back.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ProcessCreate_is_all_or_nothing(int occupiedOffset)
    {
        var r = new SyscallRig();
        r.Create(ObjectType.Endpoint, F + (ulong)occupiedOffset);
        r.Fails(new Err(KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied), Syscall.ProcessCreate, r.Untyped, F, 4, 10);
    }

    /// <summary>The same when the CNode's slot (x1 + 1) is past the root CNode's end: the TCB was made and deleted again.</summary>
    [Fact]
    public void ProcessCreate_past_the_last_root_slot_is_all_or_nothing()
    {
        var r = new SyscallRig();
        r.Fails(new Err(KernelError.RangeError, ErrorReason.DestinationOffsetOutOfRange, Min: 0, Max: 63), Syscall.ProcessCreate, r.Untyped, 63, 4, 10);
    }
}
