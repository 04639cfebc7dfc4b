using System.Linq;
using Xunit;
using static Kaal.Model.Tests.Syscalls.SyscallRig;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// IRQ_HANDLER_GET_TRIGGER_CORE (0x43), seL4's IRQControl_GetTriggerCore: a handler whose line interrupts a named core.
/// Checks in seL4's order (Arch_decodeIRQControlInvocation): the line, then the core, then the line being taken, then
/// the destination slot; the machine is told the core whenever the line is unmasked, whoever unmasks it.
/// </summary>
public sealed class IrqTriggerCoreTests
{
    private const ulong IrqControl = BootInfo.IrqControlSlot;
    private const ulong Line = 9;

    private static int[] EnabledTargets(in RecordingMachine machine) =>
        machine.Log.ToArray().Where(call => call.Kind == MachineCallKind.SetIrqEnabled && call.VirtAddr == 1).Select(call => call.SizeBits).ToArray();

    private static ulong SysRecorded(SyscallRig r, ref RecordingMachine machine, int core, Syscall number, params ulong[] args)
    {
        ulong[] a = new ulong[8];
        args.CopyTo(a, 0);
        ulong status = r.K.MakeSyscall(ref machine, core, number, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        KernelState.AssertInvariants(r.K);
        return status;
    }

    [Fact]
    public void A_core_the_machine_does_not_have_is_refused_after_the_line_and_before_the_line_being_taken()
    {
        var r = new SyscallRig(2);
        r.FailsOn(0, new Err(KernelError.RangeError, ErrorReason.IrqOutOfRange, Min: 0, Max: 63),
            Syscall.IrqHandlerGetTriggerCore, IrqControl, 64, Root, F, D, 2);
        r.FailsOn(0, new Err(KernelError.InvalidArgument, ErrorReason.CoreOutOfRange, 5),
            Syscall.IrqHandlerGetTriggerCore, IrqControl, Line, Root, F, D, 2);
        r.FailsOn(0, new Err(KernelError.InvalidArgument, ErrorReason.CoreOutOfRange, 5),
            Syscall.IrqHandlerGetTriggerCore, IrqControl, Line, Root, F, D, ulong.MaxValue);
        r.Ok(Syscall.IrqHandlerGet, IrqControl, Line, Root, F, D);
        r.FailsOn(0, new Err(KernelError.InvalidArgument, ErrorReason.CoreOutOfRange, 5),
            Syscall.IrqHandlerGetTriggerCore, IrqControl, Line, Root, F + 1, D, 2);
        r.FailsOn(0, new Err(KernelError.RevokeFirst, ErrorReason.IrqAlreadyHandled),
            Syscall.IrqHandlerGetTriggerCore, IrqControl, Line, Root, F + 1, D, 1);
    }

    [Fact]
    public void The_line_interrupts_its_trigger_core_whoever_unmasks_it_until_the_handler_goes()
    {
        var r = new SyscallRig(2);
        r.Ok(Syscall.IrqHandlerGetTriggerCore, IrqControl, Line, Root, F, D, 1);
        Assert.Equal(1, r.K.IrqTriggerCore((uint)Line));
        r.Create(ObjectType.Notification, F + 1);
        var machine = RecordingMachine.Create();
        Assert.Equal(0UL, SysRecorded(r, ref machine, 0, Syscall.IrqSetNotification, F, F + 1));
        Assert.Equal(new[] { 1 }, EnabledTargets(machine));
        r.K.HandleInterrupt(ref machine, 1, (uint)Line);
        machine.Log.Clear();
        Assert.Equal(0UL, SysRecorded(r, ref machine, 0, Syscall.IrqAck, F));
        Assert.Equal(new[] { 1 }, EnabledTargets(machine));

        // The handler goes, and with it the core: a handler issued without one follows the core that unmasks the line.
        r.Ok(Syscall.CapDelete, Root, F, D);
        Assert.Equal(Kernel.NoTriggerCore, r.K.IrqTriggerCore((uint)Line));
        r.Ok(Syscall.IrqHandlerGet, IrqControl, Line, Root, F, D);
        machine.Log.Clear();
        Assert.Equal(0UL, SysRecorded(r, ref machine, 0, Syscall.IrqSetNotification, F, F + 1));
        Assert.Equal(new[] { 0 }, EnabledTargets(machine));
    }

    [Fact]
    public void One_core_accepts_core_0_only()
    {
        var r = new SyscallRig();
        r.Fails(new Err(KernelError.InvalidArgument, ErrorReason.CoreOutOfRange, 5), Syscall.IrqHandlerGetTriggerCore, IrqControl, Line, Root, F, D, 1);
        r.Ok(Syscall.IrqHandlerGetTriggerCore, IrqControl, Line, Root, F, D, 0);
        Assert.Equal(0, r.K.IrqTriggerCore((uint)Line));
    }
}
