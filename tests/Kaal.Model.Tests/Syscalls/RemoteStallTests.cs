using System.Linq;
using Xunit;
using static Kaal.Model.Tests.Syscalls.SyscallRig;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// Where seL4 calls remoteTCBStall (src/object/tcb.c), the Model asks the machine to stop the thread on whatever core
/// runs it (<see cref="IMachinePort.StallThread"/>): at the start of every TCB invocation (decodeTCBInvocation), and
/// when the last capability to a TCB goes (finaliseCap in src/object/objecttype.c), however it goes: a delete, the
/// destruction of a CNode that held it, a revoke. The recording machine shows the calls the dispatcher made.
/// </summary>
public sealed class RemoteStallTests
{
    private const ulong All = (ulong)CapRights.All;

    private static uint[] Stalls(in RecordingMachine machine) =>
        machine.Log.ToArray().Where(call => call.Kind == MachineCallKind.StallThread).Select(call => call.VSpace).ToArray();

    private static ulong SysRecorded(SyscallRig r, ref RecordingMachine machine, Syscall number, params ulong[] args)
    {
        ulong[] a = new ulong[8];
        args.CopyTo(a, 0);
        ulong status = r.K.MakeSyscall(ref machine, 0, number, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        KernelState.AssertInvariants(r.K);
        return status;
    }

    [Fact]
    public void Deleting_the_last_capability_to_a_thread_running_on_another_core_stalls_it()
    {
        var r = new SyscallRig(2);
        uint thread = r.Spawn(F + 10, 10, 1);
        Assert.Equal(thread, r.Current(1));
        var machine = RecordingMachine.Create();
        Assert.Equal(0UL, SysRecorded(r, ref machine, Syscall.CapDelete, Root, F + 10, D));
        Assert.Equal(new[] { thread }, Stalls(machine));
        Assert.Equal(r.K.Core(1).Idle, r.Current(1));
    }

    [Fact]
    public void Deleting_a_capability_that_is_not_the_last_stalls_nothing()
    {
        var r = new SyscallRig(2);
        uint thread = r.Spawn(F + 10, 10, 1);
        r.Ok(Syscall.CapCopy, Root, F + 11, D, Root, F + 10, D, All);
        var machine = RecordingMachine.Create();
        Assert.Equal(0UL, SysRecorded(r, ref machine, Syscall.CapDelete, Root, F + 11, D));
        Assert.Empty(Stalls(machine));
        Assert.Equal(thread, r.Current(1));
    }

    [Fact]
    public void Destroying_the_CNode_that_held_the_last_capability_stalls_the_thread()
    {
        var r = new SyscallRig(2);
        uint thread = r.Spawn(F + 10, 10, 1);
        r.Create(ObjectType.CNode, F + 20, 2);
        r.Ok(Syscall.CapMove, F + 20, 1, 2, Root, F + 10, D);
        var machine = RecordingMachine.Create();
        Assert.Equal(0UL, SysRecorded(r, ref machine, Syscall.CapDelete, Root, F + 20, D));
        Assert.Equal(new[] { thread }, Stalls(machine));
        Assert.Equal(r.K.Core(1).Idle, r.Current(1));
    }

    [Fact]
    public void Revoking_stalls_every_thread_it_destroys_once()
    {
        var r = new SyscallRig(2);
        r.Create(ObjectType.Untyped, F + 3, 14);
        r.Ok(Syscall.Retype, F + 3, (ulong)ObjectType.Tcb, 0, Root, 0, 0, F + 10, 2);
        uint first = r.K.ThreadOf(r.Cap(F + 10));
        uint second = r.K.ThreadOf(r.Cap(F + 11));
        var machine = RecordingMachine.Create();
        Assert.Equal(0UL, SysRecorded(r, ref machine, Syscall.CapRevoke, Root, F + 3, D));
        Assert.Equal(new[] { first, second }.OrderBy(t => t), Stalls(machine).OrderBy(t => t));
        Assert.True(r.Cap(F + 10).IsNull);
        machine.Log.Clear();
        Assert.Equal(0UL, SysRecorded(r, ref machine, Syscall.Yield));
        Assert.Empty(Stalls(machine));
    }

    [Fact]
    public void A_TCB_invocation_stalls_its_thread_first()
    {
        var r = new SyscallRig(2);
        uint thread = r.Spawn(F + 10, 10, 1);
        var machine = RecordingMachine.Create();
        Assert.Equal(0UL, SysRecorded(r, ref machine, Syscall.TcbSuspend, F + 10));
        Assert.Equal(new[] { thread }, Stalls(machine));
    }

    [Fact]
    public void On_one_core_deleting_a_thread_stalls_nothing()
    {
        var r = new SyscallRig();
        r.Spawn(F + 10, 10, 0);
        var machine = RecordingMachine.Create();
        Assert.Equal(0UL, SysRecorded(r, ref machine, Syscall.CapDelete, Root, F + 10, D));
        Assert.Empty(Stalls(machine));
    }
}
